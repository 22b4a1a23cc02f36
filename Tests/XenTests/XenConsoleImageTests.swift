import Foundation
import ISO9660
import SquashFS
import TestSupport
import Testing
import Xen

/// `xen guest --hvc0`: a Debian live image gets a copy with a login on hvc0 in its root and a Xen console menu entry;
/// an isokit image is used as it is.
@Suite("Xen console image")
struct XenConsoleImageTests {
    @Test("a Debian live image's copy has an hvc0 getty in its root and a console=hvc0 menu entry; the input is kept")
    func debianLive() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-hvc0") { directory in
            try FileTree.write([
                "root/etc/inittab": .text("id:2:initdefault:\n1:2345:respawn:/sbin/getty 38400 tty1\n"),
                "root/etc/securetty": .text("console\ntty1\n"),
            ], under: directory)
            var layout = XenFixture.debianLive
            layout.tree["live/filesystem.squashfs"] = nil
            let tree = directory + "/tree"
            try FileTree.write(layout.tree, under: tree)
            try SquashFSBuilder.build(from: directory + "/root", to: tree + "/live/filesystem.squashfs")
            _ = try ISOCreator.create(from: tree, to: directory + "/live.iso", options: ISOWriterOptions())
            let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/live.iso"))

            let prepared = try XenConsoleImage.prepare(image: directory + "/live.iso", directory: directory + "/guest")
            #expect(prepared.image == directory + "/guest/hvc0/live.iso")
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/live.iso")) == before)
            let copy = try ISOImage(path: prepared.image)
            try Data(try copy.contents(of: "/live/filesystem.squashfs", limitBytes: 64 << 20))
                .write(to: URL(fileURLWithPath: directory + "/root.squashfs"))
            let inittab = String(decoding: try SquashFSReader.contents(of: "etc/inittab", in: directory + "/root.squashfs"), as: UTF8.self)
            #expect(inittab.contains("hvc0:2345:respawn:/sbin/getty 38400 hvc0"))
            let securetty = String(decoding: try SquashFSReader.contents(of: "etc/securetty", in: directory + "/root.squashfs"), as: UTF8.self)
            #expect(securetty.split(separator: "\n").contains("hvc0"))
            let grub = String(decoding: try copy.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
            #expect(grub.contains("(Xen console hvc0)") && grub.contains("console=hvc0"))
        }
    }

    @Test("an isokit image needs no copy: its init starts the hvc0 getty itself")
    func isokitImage() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-hvc0") { directory in
            let image = try XenFixture.image(XenFixture.isokit, in: directory)
            let prepared = try XenConsoleImage.prepare(image: image, directory: directory + "/guest")
            #expect(prepared.image == image)
            #expect(!FileManager.default.fileExists(atPath: directory + "/guest"))
        }
    }
}
