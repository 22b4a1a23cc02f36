import BinaryIO
import BootConfig
import Foundation
import ISO9660
import LiveSystem
import Remaster
import SquashFS
import TestSupport
import Testing

@Suite("Root edits on every live family", .serialized)
struct RootEditorTests {
    /// `openssl passwd -6 -salt isokitsalt secret`.
    static let hash = "$6$isokitsalt$WhPepZc9lJvc/qsM/p6/XB2BHXt8/77bsZRCY8vDFL2qmBSSHD26UZVmkTeqE6QD2TX6cWSRwBr.ydgxi3Fhw."

    /// Remasters `input` with a marker patch, --hvc0 and the root password.
    static func remaster(_ input: String, in directory: String) throws -> RemasterReport {
        try FileTree.write(["rootpatch/etc/marker": .text("patched root\n")], under: directory)
        var options = RemasterOptions(input: input, output: directory + "/out.iso")
        options.rootEdits = RootEdits(patchDirectories: [directory + "/rootpatch"], hvc0: true, rootPasswordHash: hash)
        options.sourceDateEpoch = 1_700_000_000
        return try Remasterer.remaster(options)
    }

    /// The checks every family shares: marker, shadow, securetty, the hash nowhere in the report, unchanged files.
    static func checkCommon(_ report: RemasterReport, root: String, input: String) throws {
        #expect(try LiveRootFixture.text("etc/marker", root: root, in: report.output) == "patched root\n")
        let shadow = try LiveRootFixture.text("etc/shadow", root: root, in: report.output)
        #expect(shadow == "root:\(hash):19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n")
        #expect(try LiveRootFixture.text("etc/securetty", root: root, in: report.output) == "console\ntty1\nhvc0\n")
        let before = Dictionary(uniqueKeysWithValues: try SquashFSReader.entries(of: LiveRootFixture.source(root, in: input)).map { ($0.path, $0) })
        let after = Dictionary(uniqueKeysWithValues: try SquashFSReader.entries(of: LiveRootFixture.source(root, in: report.output)).map { ($0.path, $0) })
        #expect(after["etc/shadow"]?.mode == 0o100640)
        for path in ["bin/sh", "root", "etc/passwd", "sbin/init"] {
            var kept = after[path]
            kept?.inodeNumber = before[path]?.inodeNumber ?? 0  // inodes are numbered afresh
            #expect(kept == before[path], "\(path)")
        }
        #expect(try SquashFSReader.contents(of: "bin/sh", in: LiveRootFixture.source(root, in: report.output)).count == 70_000)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("isokitsalt") && !"\(report)".contains("isokitsalt"), "the hash is never reported")
    }

    /// The GRUB menu has the Xen console copy of its default entry and still parses.
    static func checkGrub(_ iso: ISOImage, directory: String) async throws -> String {
        let menu = String(decoding: try iso.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
        let document = try GrubMenuDocumentProbe.entries(menu)
        #expect(document.map(\.title) == ["Live system (amd64)", "Live system (amd64) (Xen console hvc0)", "Live system (fail-safe)"])
        #expect(document[1].parameters.last == "console=hvc0" && document[0].parameters.last == "quiet")
        if Oracle.has("grub-script-check") || Oracle.required {
            try FileTree.write(["checked.cfg": .text(menu)], under: directory)
            try await Tool.run("grub-script-check", [directory + "/checked.cfg"])
        }
        return menu
    }

    @Test("Debian live: the root image is rebuilt with the patch, an inittab getty, securetty, shadow; menus get hvc0 entries", .oracles("mksquashfs", "unsquashfs", "md5sum"))
    func debianLive() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rootedit") { directory in
            let input = try await LiveRootFixture.debianLive(in: directory)
            let report = try Self.remaster(input, in: directory)
            let root = "/live/filesystem.squashfs"
            try Self.checkCommon(report, root: root, input: input)
            #expect(report.patched.contains(root) && report.patched.contains("/md5sum.txt"))
            #expect(report.patched.contains(root + ":/etc/inittab") && report.patched.contains(root + ":/etc/shadow"))
            let inittab = try LiveRootFixture.text("etc/inittab", root: root, in: report.output)
            #expect(inittab == "id:2:initdefault:\nsi::sysinit:/etc/init.d/rcS\n1:2345:respawn:/sbin/getty --noclear 38400 tty1\n"
                + "2:23:respawn:/sbin/getty 38400 tty2\nhvc0:23:respawn:/sbin/getty 38400 hvc0\n")
            #expect(try SquashFSReader.format(of: LiveRootFixture.source(root, in: report.output)).compressor == .xz)

            let iso = try ISOImage(path: report.output)
            _ = try await Self.checkGrub(iso, directory: directory)
            let syslinux = String(decoding: try iso.contents(of: "/isolinux/live.cfg"), as: UTF8.self)
            #expect(syslinux.contains("label live-amd64-hvc0\n\tmenu label Live system (amd64) (Xen console hvc0)\n\tlinux /live/vmlinuz\n"))
            #expect(syslinux.contains("\tappend boot=live components quiet console=hvc0\n"))

            try Data(try iso.contents(of: root, limitBytes: 64 << 20)).write(to: URL(fileURLWithPath: directory + "/new.sfs"))
            let listing = try await Tool.run("unsquashfs", ["-lln", directory + "/new.sfs"]).stdout
            #expect(listing.contains("squashfs-root/etc/marker") && listing.contains("-rw-r----- 0/0"), "\(listing)")
            let md5 = try await Tool.run("md5sum", [directory + "/new.sfs"]).stdout.prefix(32)
            let list = String(decoding: try iso.contents(of: "/md5sum.txt"), as: UTF8.self)
            #expect(list.contains("\(md5)  ./live/filesystem.squashfs\n"), "\(list)")
            #expect(list.contains("./live/vmlinuz\n"))
        }
    }

    @Test("archiso: a systemd root gets the serial-getty link; the sha512 is regenerated and the signature dropped", .oracles("mksquashfs", "sha512sum"))
    func archiso() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rootedit") { directory in
            let input = try await LiveRootFixture.archiso(in: directory)
            let report = try Self.remaster(input, in: directory)
            let root = "/arch/x86_64/airootfs.sfs"
            try Self.checkCommon(report, root: root, input: input)
            let entries = try SquashFSReader.entries(of: LiveRootFixture.source(root, in: report.output))
            let link = entries.first { $0.path == "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service" }
            #expect(link?.linkTarget == "/lib/systemd/system/serial-getty@.service")
            #expect(!entries.contains { $0.path == "etc/inittab" })
            #expect(report.deleted == ["/arch/x86_64/airootfs.sfs.sig"])
            #expect(report.notReplayed.contains { $0.contains("airootfs.sfs.sig") })
            let iso = try ISOImage(path: report.output)
            #expect(throws: ImageError.self) { try iso.entry(at: "/arch/x86_64/airootfs.sfs.sig") }
            try FileManager.default.createDirectory(atPath: directory + "/check", withIntermediateDirectories: true)
            try Data(try iso.contents(of: root, limitBytes: 64 << 20)).write(to: URL(fileURLWithPath: directory + "/check/airootfs.sfs"))
            try Data(try iso.contents(of: "/arch/x86_64/airootfs.sha512")).write(to: URL(fileURLWithPath: directory + "/check/airootfs.sha512"))
            try await Tool.run("sha512sum", ["-c", "airootfs.sha512"], currentDirectory: directory + "/check")
            #expect(try SquashFSReader.format(of: LiveRootFixture.source(root, in: report.output)).compressor == .zstd)
        }
    }

    @Test("casper: a busybox inittab gets its own style of line; filesystem.size is recomputed", .oracles("mksquashfs"))
    func casper() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rootedit") { directory in
            let input = try await LiveRootFixture.casper(in: directory)
            let report = try Self.remaster(input, in: directory)
            let root = "/casper/filesystem.squashfs"
            try Self.checkCommon(report, root: root, input: input)
            #expect(try LiveRootFixture.text("etc/inittab", root: root, in: report.output)
                == "::sysinit:/etc/init.d/rcS\ntty1::respawn:/sbin/getty 38400 tty1\nhvc0::respawn:/sbin/getty 38400 hvc0\n")
            let size = String(decoding: try ISOImage(path: report.output).contents(of: "/casper/filesystem.size"), as: UTF8.self)
            let entries = try SquashFSReader.entries(of: LiveRootFixture.source(root, in: report.output))
            let expected = entries.reduce(UInt64(0)) { $0 + ($1.isDirectory ? 4096 : ($1.sizeBytes + 4095) / 4096 * 4096) }
            #expect(size == "\(expected)\n")
        }
    }

    @Test("isokit: the edits become one new top layer; the base layer stays byte for byte", .oracles("mksquashfs"))
    func isokit() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rootedit") { directory in
            let input = try await LiveRootFixture.isokit(in: directory)
            var options = RemasterOptions(input: input, output: directory + "/out.iso")
            options.rootEdits = RootEdits(rootPasswordHash: Self.hash)
            let report = try Remasterer.remaster(options)
            #expect(report.patched == ["/live/10-root-edits.squashfs", "/live/10-root-edits.squashfs:/etc/shadow", "/live/layers.list"])
            let iso = try ISOImage(path: report.output)
            #expect(try iso.contents(of: "/live/layers.list") == Array("00-base.squashfs\n10-root-edits.squashfs\n".utf8))
            let layer = try LiveRootFixture.source("/live/10-root-edits.squashfs", in: report.output)
            #expect(String(decoding: try SquashFSReader.contents(of: "etc/shadow", in: layer), as: UTF8.self)
                == "root:\(Self.hash):19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n")
            #expect(Set(try SquashFSReader.entries(of: layer).map(\.path)) == ["", "etc", "etc/shadow"])
            #expect(try iso.contents(of: "/live/00-base.squashfs", limitBytes: 64 << 20)
                == (try ISOImage(path: input).contents(of: "/live/00-base.squashfs", limitBytes: 64 << 20)))
        }
    }

    @Test(
        "an image from isokit build: --root-password, --hvc0 and --patch-root land in one new layer; the menu gets the hvc0 entry",
        .enabled(if: Oracle.required || KernelCache.modulesDirectory != nil, "needs scripts/setup"))
    func isokitBuild() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rootedit") { directory in
            let root = try LiveRootFixture.root(in: directory, init: .busybox)
            try FileManager.default.removeItem(atPath: root + "/sbin/init")
            try FileTree.write(["sbin/init": .text("#!/bin/busybox sh\n/bin/busybox poweroff -f\n", mode: 0o755)], under: root)
            var build = LiveBuildOptions(root: .directory(root), output: directory + "/live.iso")
            build.hostRoot = directory + "/no-host-kernel"
            build.sourceDateEpoch = 1_700_000_000
            build.menuTimeout = 0
            _ = try await LiveBuilder.build(build)
            let report = try Self.remaster(directory + "/live.iso", in: directory)
            let iso = try ISOImage(path: report.output)
            let layers = String(decoding: try iso.contents(of: "/live/layers.list"), as: UTF8.self).split(separator: "\n")
            #expect(layers.last == "10-root-edits.squashfs", "\(layers)")
            let layer = try LiveRootFixture.source("/live/10-root-edits.squashfs", in: report.output)
            #expect(String(decoding: try SquashFSReader.contents(of: "etc/shadow", in: layer), as: UTF8.self).hasPrefix("root:\(Self.hash):"))
            #expect(String(decoding: try SquashFSReader.contents(of: "etc/inittab", in: layer), as: UTF8.self)
                .hasSuffix("hvc0::respawn:/sbin/getty 38400 hvc0\n"))
            #expect(try SquashFSReader.contents(of: "etc/marker", in: layer) == Array("patched root\n".utf8))
            let menu = String(decoding: try iso.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
            #expect(menu.contains("(Xen console hvc0)"), "\(menu)")
        }
    }

    @Test("a plain password, an image without a live root and a root without init for hvc0 are errors; nothing is written", .oracles("mksquashfs"))
    func errors() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rootedit") { directory in
            try FileTree.write(["plain/a.txt": .text("a\n")], under: directory)
            _ = try ISOCreator.create(from: directory + "/plain", to: directory + "/plain.iso", options: ISOWriterOptions())
            var options = RemasterOptions(input: directory + "/plain.iso", output: directory + "/out.iso")
            options.rootEdits = RootEdits(hvc0: true)
            #expect(throws: LiveLayoutError.self) { try Remasterer.remaster(options) }

            let input = try await LiveRootFixture.casper(in: directory)
            options = RemasterOptions(input: input, output: directory + "/out.iso")
            options.rootEdits = RootEdits(rootPasswordHash: "secret")
            #expect(throws: RemasterError.badPasswordHash(reason: "it does not start with $, so it looks like a plain password")) {
                try Remasterer.remaster(options)
            }
            #expect("\(RemasterError.badPasswordHash(reason: "x"))".contains("mkpasswd -m yescrypt"))
            options.rootEdits = RootEdits(rootPasswordHash: "$6$salt$tooshort")
            #expect(throws: RemasterError.self) { try Remasterer.remaster(options) }
            #expect(!FileManager.default.fileExists(atPath: directory + "/out.iso"))
        }
    }
}

/// Reads a GRUB menu's entries through BootConfig.
enum GrubMenuDocumentProbe {
    static func entries(_ text: String) throws -> [BootMenuEntry] { try GrubMenuDocument(text: text).bootEntries() }
}
