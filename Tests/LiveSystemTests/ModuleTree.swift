import Foundation
import TestSupport

/// A modules directory made at test time from real modules of the cached Debian kernel: `lib/modules/RELEASE` in a
/// temporary directory, with chosen modules copied (and optionally compressed by the real tools).
struct ModuleTree {
    /// The release name used for the fixture's directory.
    static let release = "6.1.0-test"

    let temporary: TemporaryDirectory
    /// The fixture's modules directory.
    let path: String

    /// Modules the fixtures copy: a CD stack, the layers' file systems and a virtio disk.
    static let sample = [
        "kernel/drivers/scsi/scsi_common.ko", "kernel/drivers/scsi/scsi_mod.ko", "kernel/drivers/cdrom/cdrom.ko",
        "kernel/drivers/scsi/sr_mod.ko", "kernel/fs/isofs/isofs.ko", "kernel/fs/squashfs/squashfs.ko",
        "kernel/fs/overlayfs/overlay.ko", "kernel/drivers/block/loop.ko", "kernel/drivers/virtio/virtio_ring.ko",
        "kernel/drivers/virtio/virtio.ko", "kernel/drivers/block/virtio_blk.ko", "kernel/drivers/block/xen-blkfront.ko",
    ]

    /// Copies `modules` (paths relative to the cached kernel's modules directory) into a new tree; `compress`
    /// maps a relative path to the tool arguments that compress it (`["xz", "-C", "crc32"]`), replacing the file
    /// with `path + suffix`.
    init(modules: [String] = sample, compress: (String) -> (tool: [String], suffix: String)? = { _ in nil })
        async throws
    {
        temporary = try TemporaryDirectory(prefix: "isokit-modules")
        path = temporary.path("lib/modules/\(Self.release)")
        let source = try KernelCache.requireModulesDirectory()
        let files = FileManager.default
        for module in modules {
            let target = path + "/" + module
            try files.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try files.copyItem(atPath: source + "/" + module, toPath: target)
            if let compression = compress(module) {
                try await Tool.run(compression.tool[0], Array(compression.tool.dropFirst()) + ["-q", target])
            }
        }
    }

    /// Writes `text` to `name` in the modules directory.
    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }
}
