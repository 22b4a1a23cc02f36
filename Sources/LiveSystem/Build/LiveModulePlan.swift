/// The kernel modules a live system's initramfs carries: the closure of ``LiveSystemModules/groups`` in load
/// order, with compressed module files named as the plain `.ko` files the initramfs holds.
struct LiveModulePlan: Sendable {
    /// The modules, dependencies first.
    var modules: [InitramfsModule]
    /// `modules.dep` for them.
    var dependencies: String

    /// Resolves the live system's modules in `kernel`'s modules directory.
    /// - Throws: ``KernelModuleError`` naming a mandatory module (or a dependency) the kernel lacks.
    static func select(for kernel: KernelSource) throws -> LiveModulePlan {
        let index = try KernelModuleIndex(modulesDirectory: kernel.modulesDirectory)
        let selection = try KernelModuleSelection(index: index, groups: LiveSystemModules.groups)
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
