import Foundation
import TestSupport
import Testing

@testable import LiveSystem

@Suite("KernelModuleSelection")
struct KernelModuleSelectionTests {
    /// a needs b and c, both need d; e needs a module nobody has; f softly wants g (and an absent one);
    /// loop1 and loop2 need each other; h needs the built-in bi.
    static let index = KernelModuleIndex(
        modulesDirectory: "/lib/modules/test", source: .modinfo,
        modules: [
            KernelModule(name: "a", path: "kernel/a.ko", dependencies: ["b", "c"], aliases: ["alias-a", "pci:v*"]),
            KernelModule(name: "b", path: "kernel/b.ko.xz", dependencies: ["d"]),
            KernelModule(name: "c", path: "kernel/c.ko", dependencies: ["d"]),
            KernelModule(name: "d", path: "kernel/d.ko"),
            KernelModule(name: "e", path: "kernel/e.ko", dependencies: ["x"]),
            KernelModule(name: "f_g", path: "kernel/f-g.ko", softdepPre: ["g", "nope"]),
            KernelModule(name: "g", path: "kernel/g.ko"),
            KernelModule(name: "h", path: "kernel/h.ko", dependencies: ["bi"]),
            KernelModule(name: "loop1", path: "kernel/loop1.ko", dependencies: ["loop2"]),
            KernelModule(name: "loop2", path: "kernel/loop2.ko", dependencies: ["loop1"]),
        ],
        builtin: ["bi"])

    @Test("dependencies first, each once; built-in and missing names reported")
    func closure() throws {
        let selection = try KernelModuleSelection(
            index: Self.index, mandatory: ["a"], ifAvailable: ["e", "bi", "zz", "f-g", "alias-a", "h", "c", "a"])
        #expect(selection.modules.map(\.name) == ["d", "b", "c", "a", "g", "f_g", "h"])
        #expect(selection.builtin == ["bi"])
        #expect(selection.missing == ["e", "zz"])
        #expect(selection.modulesDirectory == "/lib/modules/test")
    }

    @Test("the same inputs give the same order every time")
    func deterministic() throws {
        let first = try KernelModuleSelection(index: Self.index, mandatory: ["h", "a", "f_g"])
        for _ in 0..<5 {
            #expect(try KernelModuleSelection(index: Self.index, mandatory: ["h", "a", "f_g"]) == first)
        }
    }

    @Test("a mandatory module that is absent is an error naming it and the directory")
    func missingMandatory() {
        let error = KernelModuleError.missingModule(name: "zz", modulesDirectory: "/lib/modules/test")
        #expect(throws: error) { try KernelModuleSelection(index: Self.index, mandatory: ["a", "zz"]) }
        #expect(
            error.description == "kernel module zz is needed but is neither built in nor present in /lib/modules/test")
    }

    @Test("a mandatory module with an absent dependency is an error")
    func missingDependency() {
        #expect(
            throws: KernelModuleError.missingDependency(
                module: "e", dependency: "x", modulesDirectory: "/lib/modules/test")
        ) {
            try KernelModuleSelection(index: Self.index, mandatory: ["e"])
        }
    }

    @Test("a dependency loop is an error")
    func cycle() {
        #expect(throws: KernelModuleError.dependencyCycle(modules: ["loop1", "loop2", "loop1"])) {
            try KernelModuleSelection(index: Self.index, mandatory: ["loop1"])
        }
    }

    @Test("modules.dep for the subset, in depmod's format")
    func modulesDep() throws {
        let selection = try KernelModuleSelection(index: Self.index, mandatory: ["a", "f_g", "h"])
        #expect(
            selection.modulesDep() == """
                kernel/d.ko:
                kernel/b.ko.xz: kernel/d.ko
                kernel/c.ko: kernel/d.ko
                kernel/a.ko: kernel/c.ko kernel/b.ko.xz kernel/d.ko
                kernel/g.ko:
                kernel/f-g.ko:
                kernel/h.ko:

                """)
    }

    @Test("the live system's modules from the cached kernel", .kernelModules)
    func liveSystem() throws {
        let index = try KernelModuleIndex(modulesDirectory: try KernelCache.requireModulesDirectory())
        let clock = ContinuousClock()
        var result: KernelModuleSelection?
        let elapsed = try clock.measure {
            result = try KernelModuleSelection(index: index, groups: LiveSystemModules.groups)
        }
        let selection = try #require(result)
        print("KernelModuleSelection: \(selection.modules.count) modules chosen in \(elapsed)")
        let names = selection.modules.map(\.name)
        for mandatory in ["squashfs", "overlay", "isofs", "loop", "cdrom", "sr_mod", "virtio_blk", "xen_blkfront"] {
            #expect(names.contains(mandatory))
        }
        #expect(Set(names).count == names.count)
        for (position, module) in selection.modules.enumerated() {
            for dependency in module.dependencies where index.builtin.contains(dependency) == false {
                let at = try #require(names.firstIndex(of: dependency), "\(module.name) needs \(dependency)")
                #expect(at < position, "\(dependency) loads before \(module.name)")
            }
            #expect(FileManager.default.fileExists(atPath: index.path(of: module)))
        }
        #expect(selection.builtin == ["nvme", "ext4", "af_packet"])
        #expect(selection.missing.contains("e1000"))
        #expect(selection.missing.contains("phram"))
        // cdrom loads first here (isofs needs it), so it is the last dependency listed.
        let lines = selection.modulesDep().split(separator: "\n")
        #expect(lines.count == selection.modules.count)
        #expect(
            lines.contains(
                "kernel/drivers/scsi/sr_mod.ko: kernel/drivers/scsi/scsi_mod.ko kernel/drivers/scsi/scsi_common.ko kernel/drivers/cdrom/cdrom.ko"
            ))
    }

    @Test("a kernel without squashfs fails with a clear error", .kernelModules)
    func missingSquashfs() async throws {
        let tree = try await ModuleTree(modules: [
            "kernel/fs/overlayfs/overlay.ko", "kernel/drivers/block/loop.ko", "kernel/fs/isofs/isofs.ko",
            "kernel/drivers/cdrom/cdrom.ko",
        ])
        let index = try KernelModuleIndex(modulesDirectory: tree.path)
        #expect(throws: KernelModuleError.missingModule(name: "squashfs", modulesDirectory: tree.path)) {
            try KernelModuleSelection(index: index, groups: LiveSystemModules.groups)
        }
    }
}
