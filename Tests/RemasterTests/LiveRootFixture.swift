import Foundation
import ISO9660
import SquashFS
import TestSupport

/// Small synthetic live images of each family, with a real squashfs root made by mksquashfs: a sysvinit root
/// (`/etc/inittab`) or a systemd one (`/sbin/init` → systemd), `/etc/shadow`, `/etc/passwd`, `/etc/securetty`.
enum LiveRootFixture {
    /// The root's init style.
    enum Init { case sysvinit, busybox, systemd }

    static let grub = """
        set timeout=5
        set default=0
        menuentry "Live system (amd64)" --id live {
            linux /live/vmlinuz boot=live components quiet
            initrd /live/initrd.img
        }
        menuentry "Live system (fail-safe)" {
            linux /live/vmlinuz boot=live components noapic
            initrd /live/initrd.img
        }

        """
    static let isolinux = """
        label live-amd64
        \tmenu label ^Live system (amd64)
        \tmenu default
        \tlinux /live/vmlinuz
        \tinitrd /live/initrd.img
        \tappend boot=live components quiet

        """

    /// Writes a root tree under `directory/root`.
    static func root(in directory: String, init style: Init) throws -> String {
        let root = directory + "/root"
        var nodes: [String: FileTree.Node] = [
            "etc/shadow": .text("root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", mode: 0o640),
            "etc/passwd": .text("root:x:0:0:root:/root:/bin/sh\n"),
            "etc/securetty": .text("console\ntty1\n"),
            "bin/sh": .file(Array(repeating: 0x7F, count: 70_000), mode: 0o755),
            "root/": .directory(mode: 0o700),
        ]
        switch style {
        case .sysvinit:
            nodes["etc/inittab"] = .text(
                "id:2:initdefault:\nsi::sysinit:/etc/init.d/rcS\n1:2345:respawn:/sbin/getty --noclear 38400 tty1\n2:23:respawn:/sbin/getty 38400 tty2\n")
            nodes["sbin/init"] = .file(Array(repeating: 0x45, count: 1000), mode: 0o755)
        case .busybox:
            nodes["etc/inittab"] = .text("::sysinit:/etc/init.d/rcS\ntty1::respawn:/sbin/getty 38400 tty1\n")
            nodes["sbin/init"] = .symlink("../bin/busybox")
        case .systemd:
            nodes["lib/systemd/systemd"] = .file(Array(repeating: 0x53, count: 1000), mode: 0o755)
            nodes["lib/systemd/system/serial-getty@.service"] = .text("[Unit]\n")
            nodes["sbin/init"] = .symlink("/lib/systemd/systemd")
            nodes["etc/systemd/system/"] = .directory()
        }
        try FileTree.write(nodes, under: root, modificationTime: 1_600_000_000)
        return root
    }

    /// A Debian live image (`/live/filesystem.squashfs`, GRUB and isolinux menus, `md5sum.txt`).
    static func debianLive(in directory: String, init style: Init = .sysvinit) async throws -> String {
        let tree = directory + "/tree"
        try FileTree.write([
            "tree/boot/grub/grub.cfg": .text(grub), "tree/isolinux/live.cfg": .text(isolinux),
            "tree/live/vmlinuz": .text("kernel"), "tree/live/initrd.img": .text("initrd"),
        ], under: directory)
        try await squashfs(root(in: directory, init: style), to: tree + "/live/filesystem.squashfs", compressor: "xz")
        try await checksums(tree, files: ["live/filesystem.squashfs", "live/vmlinuz"])
        return try iso(tree, in: directory)
    }

    /// An archiso image (`/arch/x86_64/airootfs.sfs` with its `.sha512` and a `.sig`).
    static func archiso(in directory: String) async throws -> String {
        let tree = directory + "/tree"
        try FileTree.write([
            "tree/boot/grub/grub.cfg": .text(grub.replacingOccurrences(of: "boot=live components", with: "archisobasedir=arch")),
            "tree/arch/boot/x86_64/vmlinuz-linux": .text("kernel"), "tree/arch/x86_64/airootfs.sfs.sig": .text("signature"),
        ], under: directory)
        try await squashfs(root(in: directory, init: .systemd), to: tree + "/arch/x86_64/airootfs.sfs", compressor: "zstd")
        let sum = try await Tool.run("sha512sum", ["airootfs.sfs"], currentDirectory: tree + "/arch/x86_64").stdout
        try FileTree.write(["arch/x86_64/airootfs.sha512": .text(sum)], under: tree)
        return try iso(tree, in: directory)
    }

    /// A casper image (`/casper/filesystem.squashfs` with `filesystem.size`).
    static func casper(in directory: String) async throws -> String {
        let tree = directory + "/tree"
        try FileTree.write([
            "tree/boot/grub/grub.cfg": .text(grub.replacingOccurrences(of: "boot=live components", with: "boot=casper")),
            "tree/casper/filesystem.size": .text("123\n"),
        ], under: directory)
        try await squashfs(root(in: directory, init: .busybox), to: tree + "/casper/filesystem.squashfs", compressor: "gzip")
        return try iso(tree, in: directory)
    }

    /// An isokit image: `/live/00-base.squashfs` listed in `/live/layers.list`.
    static func isokit(in directory: String) async throws -> String {
        let tree = directory + "/tree"
        try FileTree.write([
            "tree/boot/grub/grub.cfg": .text(grub), "tree/live/layers.list": .text("00-base.squashfs\n"),
        ], under: directory)
        try await squashfs(root(in: directory, init: .busybox), to: tree + "/live/00-base.squashfs", compressor: "zstd")
        return try iso(tree, in: directory)
    }

    static func squashfs(_ root: String, to image: String, compressor: String) async throws {
        try FileManager.default.createDirectory(
            atPath: (image as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try await Tool.run(
            "mksquashfs", [root, image, "-comp", compressor, "-all-root", "-noappend", "-quiet", "-no-progress"])
    }

    static func checksums(_ tree: String, files: [String]) async throws {
        let sums = try await Tool.run("md5sum", files.map { "./" + $0 }, currentDirectory: tree).stdout
        try FileTree.write(["md5sum.txt": .text(sums)], under: tree)
    }

    static func iso(_ tree: String, in directory: String) throws -> String {
        let output = directory + "/in.iso"
        var options = ISOWriterOptions()
        options.volumeID = "LIVE_TEST"
        _ = try ISOCreator.create(from: tree, to: output, options: options)
        return output
    }

    /// The root image at `path` in `iso` as a squashfs source read in place.
    static func source(_ path: String, in iso: String) throws -> SquashFSImageSource {
        let entry = try ISOImage(path: iso).entry(at: path)
        let offset = entry.extents.first?.byteOffset ?? 0
        return SquashFSImageSource(path: iso, offset: offset, sizeBytes: Int64(entry.size))
    }

    /// A file of the root image `path` in `iso` as text.
    static func text(_ file: String, root path: String, in iso: String) throws -> String {
        String(decoding: try SquashFSReader.contents(of: file, in: source(path, in: iso)), as: UTF8.self)
    }
}
