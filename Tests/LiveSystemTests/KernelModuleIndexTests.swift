import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import LiveSystem

@Suite("KernelModuleIndex")
struct KernelModuleIndexTests {
    /// depmod's `modules.dep` for ``ModuleTree/sample``, written by hand from each module's `depends=` (checked with
    /// `readelf -p .modinfo`): transitive dependencies, the one loaded last listed first.
    static let sampleModulesDep = """
        kernel/drivers/scsi/scsi_common.ko:
        kernel/drivers/scsi/scsi_mod.ko: kernel/drivers/scsi/scsi_common.ko
        kernel/drivers/cdrom/cdrom.ko:
        kernel/drivers/scsi/sr_mod.ko: kernel/drivers/cdrom/cdrom.ko kernel/drivers/scsi/scsi_mod.ko kernel/drivers/scsi/scsi_common.ko
        kernel/fs/isofs/isofs.ko: kernel/drivers/cdrom/cdrom.ko
        kernel/fs/squashfs/squashfs.ko:
        kernel/fs/overlayfs/overlay.ko:
        kernel/drivers/block/loop.ko:
        kernel/drivers/virtio/virtio_ring.ko:
        kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko
        kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
        kernel/drivers/block/xen-blkfront.ko:

        """

    @Test("the cached kernel: every module read from .modinfo, names match files, dependencies resolve", .kernelModules)
    func cachedKernel() throws {
        let directory = try KernelCache.requireModulesDirectory()
        let clock = ContinuousClock()
        var index: KernelModuleIndex?
        let elapsed = try clock.measure { index = try KernelModuleIndex(modulesDirectory: directory) }
        let kernel = try #require(index)
        print("KernelModuleIndex: \(kernel.modules.count) modules from .modinfo in \(elapsed)")
        #expect(kernel.source == .modinfo)
        let files = (FileManager.default.enumerator(atPath: directory + "/kernel")?.allObjects as? [String]) ?? []
        #expect(kernel.modules.count == files.filter { KernelModule.name(fromPath: $0) != nil }.count)
        for module in kernel.modules.values {
            #expect(module.name == KernelModule.name(fromPath: module.path), "\(module.path)")
            for dependency in module.dependencies {
                #expect(kernel.resolve(dependency) != .missing, "\(module.name) needs \(dependency)")
            }
        }
        #expect(kernel.modules["sr_mod"]?.dependencies == ["scsi_mod", "cdrom", "scsi_common"])
        #expect(kernel.modules["xen_blkfront"]?.path == "kernel/drivers/block/xen-blkfront.ko")
        #expect(kernel.resolve("iso9660") == .module(try #require(kernel.modules["isofs"])))
        #expect(kernel.resolve("xen-blkfront") == kernel.resolve("xen_blkfront"))
        #expect(kernel.resolve("nvme") == .builtin("nvme"))
        #expect(kernel.resolve("e1000") == .missing)
        #expect(kernel.builtin.contains("binfmt_elf"))
    }

    @Test(
        "a fixture tree gives the same dependencies from .modinfo, plain or xz, and from modules.dep", .kernelModules,
        .oracles("xz"))
    func modinfoAgainstModulesDep() async throws {
        let plain = try await ModuleTree()
        let packed = try await ModuleTree {
            $0.contains("scsi") || $0.contains("virtio") ? (["xz", "-C", "crc32"], ".xz") : nil
        }
        let fromModinfo = try KernelModuleIndex(modulesDirectory: plain.path)
        let fromPacked = try KernelModuleIndex(modulesDirectory: packed.path)
        try plain.write(Self.sampleModulesDep, to: "modules.dep")
        let fromDep = try KernelModuleIndex(modulesDirectory: plain.path)
        #expect(fromModinfo.source == .modinfo)
        #expect(fromDep.source == .modulesDep)
        #expect(Set(fromModinfo.modules.keys) == Set(fromDep.modules.keys))
        #expect(Set(fromPacked.modules.keys) == Set(fromDep.modules.keys))
        #expect(fromPacked.modules["sr_mod"]?.path == "kernel/drivers/scsi/sr_mod.ko.xz")
        for name in fromDep.modules.keys {
            let closure = try KernelModuleSelection(index: fromModinfo, mandatory: [name])
            let packedClosure = try KernelModuleSelection(index: fromPacked, mandatory: [name])
            let depClosure = try KernelModuleSelection(index: fromDep, mandatory: [name])
            #expect(closure.modules.map(\.name) == depClosure.modules.map(\.name), "\(name)")
            #expect(packedClosure.modules.map(\.name) == depClosure.modules.map(\.name), "\(name)")
        }
        let everything = try KernelModuleSelection(
            index: fromModinfo,
            mandatory: ModuleTree.sample.compactMap {
                KernelModule.name(fromPath: $0)
            })
        #expect(everything.modulesDep() == Self.sampleModulesDep)
    }

    @Test(
        "depmod's modules.dep agrees with the .modinfo index", .kernelModules,
        .enabled(if: Oracle.has("depmod"), "needs depmod (kmod)"))
    func depmod() async throws {
        let tree = try await ModuleTree()
        let fromModinfo = try KernelModuleIndex(modulesDirectory: tree.path)
        let root = (tree.path as NSString).deletingLastPathComponent.replacingOccurrences(of: "/lib/modules", with: "")
        try await Tool.run("depmod", ["-b", root, ModuleTree.release])
        let fromDep = try KernelModuleIndex(modulesDirectory: tree.path)
        #expect(fromDep.source == .modulesDep)
        for name in fromDep.modules.keys {
            let ours = try KernelModuleSelection(index: fromModinfo, mandatory: [name]).modules.map(\.name)
            let theirs = try KernelModuleSelection(index: fromDep, mandatory: [name]).modules.map(\.name)
            #expect(Set(ours) == Set(theirs), "\(name)")
        }
    }

    @Test("modules.builtin, modules.alias and modules.builtin.modinfo are read")
    func indexFiles() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try Data("kernel/a/b.ko: kernel/c/d-e.ko\nkernel/c/d-e.ko:\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/modules.dep"))
        try Data("kernel/fs/ext4/ext4.ko\nkernel/fs/binfmt_misc.ko\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/modules.builtin"))
        try Data("# Aliases\nalias fs-bee b\nalias pci:v*d* b\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/modules.alias"))
        try Data("ext4.alias=fs-ext4\0ext4.license=GPL\0ext4.alias=ext3\0".utf8)
            .write(to: URL(fileURLWithPath: directory + "/modules.builtin.modinfo"))
        let index = try KernelModuleIndex(modulesDirectory: directory)
        #expect(index.modules["b"] == KernelModule(name: "b", path: "kernel/a/b.ko", dependencies: ["d_e"]))
        #expect(index.builtin == ["ext4", "binfmt_misc"])
        #expect(index.aliases == ["fs-bee": "b", "fs-ext4": "ext4", "ext3": "ext4"])
        #expect(index.resolve("fs-bee") == .module(try #require(index.modules["b"])))
        #expect(index.resolve("ext3") == .builtin("ext4"))
        #expect(index.path(of: try #require(index.modules["d_e"])) == directory + "/kernel/c/d-e.ko")
    }

    @Test("a malformed modules.dep line is an error with its line number")
    func malformedModulesDep() throws {
        #expect(
            throws: KernelModuleError.malformedIndexFile(path: "m.dep", line: 3, reason: "no ':' after the module path")
        ) { try KernelModuleIndex.parseModulesDep("kernel/a.ko:\n\nkernel/b.ko kernel/a.ko\n", path: "m.dep") }
        #expect(
            throws: KernelModuleError.malformedIndexFile(
                path: "m.dep", line: 1, reason: "dependency kernel/a.txt is not a module file")
        ) { try KernelModuleIndex.parseModulesDep("kernel/b.ko: kernel/a.txt\n", path: "m.dep") }
    }

    @Test("a directory without modules is an error")
    func notModulesDirectory() throws {
        let temporary = try TemporaryDirectory()
        #expect(throws: KernelModuleError.notAModulesDirectory(path: temporary.path)) {
            try KernelModuleIndex(modulesDirectory: temporary.path)
        }
    }

    @Test("updates/ wins over kernel/ for the same module name", .kernelModules)
    func searchOrder() async throws {
        let tree = try await ModuleTree(modules: ["kernel/drivers/block/loop.ko"])
        let updates = tree.path + "/updates/dkms"
        try FileManager.default.createDirectory(atPath: updates, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: tree.path + "/kernel/drivers/block/loop.ko", toPath: updates + "/loop.ko")
        let index = try KernelModuleIndex(modulesDirectory: tree.path)
        #expect(index.modules["loop"]?.path == "updates/dkms/loop.ko")
    }
}
