/// The kernel modules a live system's initramfs carries: the closure of ``LiveSystemModules/groups`` in load
/// order, with compressed module files named as the plain `.ko` files the initramfs holds.
struct LiveModulePlan: Sendable {
    /// The modules, dependencies first.
    var modules: [InitramfsModule]
    /// `modules.dep` for them.
    var dependencies: String

    /// What a Xen dom0 needs beyond the live system: the device files the toolstack opens (`/dev/xen/evtchn`,
    /// `privcmd`, `gntdev`, `gntalloc`, `/proc/xen`) and, when the kernel has them, the guests' disk and network
    /// backends and the bridge their vifs join. Outside Xen these fail to load, which the init ignores.
    static let xenDom0 = KernelModuleGroup(
        name: "xen-dom0", mandatory: ["xen_evtchn", "xenfs", "xen_privcmd", "xen_gntdev", "xen_gntalloc"],
        ifAvailable: ["xen_blkback", "xen_netback", "xen_pciback", "bridge", "tun"])

    /// Resolves the live system's modules in `kernel`'s modules directory, with `extra` groups after them.
    /// - Throws: ``KernelModuleError`` naming a mandatory module (or a dependency) the kernel lacks.
    static func select(for kernel: KernelSource, extra: [KernelModuleGroup] = []) throws -> LiveModulePlan {
        let index = try KernelModuleIndex(modulesDirectory: kernel.modulesDirectory)
        let selection = try KernelModuleSelection(index: index, groups: LiveSystemModules.groups + extra)
        let modules = selection.modules.map { module in
            InitramfsModule(source: index.path(of: module), relativePath: plainPath(module.path))
        }
        let dependencies = selection.modulesDep().split(separator: "\n").map { line in
            line.split(separator: " ").map { plainPath(String($0)) }.joined(separator: " ") + "\n"
        }.joined()
        return LiveModulePlan(modules: modules, dependencies: dependencies)
    }

    /// `path` with a module compression suffix dropped (`loop.ko.xz` → `loop.ko`; `loop.ko.xz:` → `loop.ko:`).
    static func plainPath(_ path: String) -> String {
        for suffix in [".xz", ".zst", ".gz"] {
            for ending in [".ko" + suffix, ".ko" + suffix + ":"] where path.hasSuffix(ending) {
                return String(path.dropLast(ending.count)) + (ending.hasSuffix(":") ? ".ko:" : ".ko")
            }
        }
        return path
    }
}
