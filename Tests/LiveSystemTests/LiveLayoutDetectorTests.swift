import Foundation
import ISO9660
import LiveSystem
import TestSupport
import Testing

@Suite("Live layout detector")
struct LiveLayoutDetectorTests {
    /// Writes `files` as an ISO image (Rock Ridge and Joliet, as most live images are) and opens it.
    static func image(_ files: [String: String], in directory: String) throws -> ISOImage {
        try FileTree.write(files.mapValues { FileTree.Node.text($0) }, under: directory + "/tree")
        var options = ISOWriterOptions()
        options.volumeID = "LIVE"
        _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/live.iso", options: options)
        return try ISOImage(path: directory + "/live.iso")
    }

    @Test(
        "each family is recognised by where it keeps its root, with its boot menus",
        arguments: [
            (
                ["live/layers.list": "00-base.squashfs\n10-tools.squashfs\n", "live/00-base.squashfs": "x",
                 "live/10-tools.squashfs": "y", "live/manifest.json": "{}", "boot/grub/grub.cfg": "menu"],
                LiveLayout(family: .isokit, rootImages: ["/live/00-base.squashfs", "/live/10-tools.squashfs"],
                           bootConfigs: ["/boot/grub/grub.cfg"])
            ),
            (
                ["live/filesystem.squashfs": "x", "live/vmlinuz": "k", "isolinux/isolinux.cfg": "i",
                 "isolinux/live.cfg": "l", "boot/grub/grub.cfg": "g"],
                LiveLayout(family: .debianLive, rootImages: ["/live/filesystem.squashfs"],
                           bootConfigs: ["/boot/grub/grub.cfg", "/isolinux/isolinux.cfg", "/isolinux/live.cfg"])
            ),
            (
                ["sysresccd/x86_64/airootfs.sfs": "x", "sysresccd/boot/x86_64/vmlinuz": "k",
                 "boot/grub/grubsrcd.cfg": "g", "boot/grub/loopback.cfg": "l", "EFI/BOOT/grub.cfg": "e"],
                LiveLayout(family: .archiso, rootImages: ["/sysresccd/x86_64/airootfs.sfs"], baseDirectory: "sysresccd",
                           bootConfigs: ["/EFI/BOOT/grub.cfg", "/boot/grub/grubsrcd.cfg", "/boot/grub/loopback.cfg"])
            ),
            (
                ["casper/minimal.squashfs": "x", "casper/minimal.standard.squashfs": "y", "boot/grub/grub.cfg": "g"],
                LiveLayout(family: .casper, rootImages: ["/casper/minimal.squashfs", "/casper/minimal.standard.squashfs"],
                           bootConfigs: ["/boot/grub/grub.cfg"])
            ),
        ])
    func families(files: [String: String], expected: LiveLayout) async throws {
        try await withTemporaryDirectory { directory in
            let layout = try LiveLayoutDetector.detect(Self.image(files, in: directory))
            #expect(layout == expected)
        }
    }

    @Test("an image with no live root says what was looked for")
    func none() async throws {
        try await withTemporaryDirectory { directory in
            let image = try Self.image(["boot/grub/grub.cfg": "menu", "live/readme.txt": "no root here"], in: directory)
            let error = #expect(throws: LiveLayoutError.self) { try LiveLayoutDetector.detect(image) }
            #expect("\(error.map { "\($0)" } ?? "")".hasPrefix(
                "\(directory)/live.iso: no live root file system found (looked for /live/layers.list (isokit), "))
        }
    }

    @Test(
        "an image isokit builds is its own family",
        .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
    func isokitBuild() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            var options = LiveFixture.options(.rescue, in: directory)
            try FileTree.write(["extra/etc/motd": .text("hi\n")], under: directory)
            options.layers = [directory + "/extra"]
            let report = try await LiveBuilder.build(options)
            let layout = try LiveLayoutDetector.detect(try ISOImage(path: report.output))
            #expect(layout.family == .isokit)
            #expect(layout.rootImages == ["/live/00-base.squashfs", "/live/10-extra.squashfs"])
            #expect(layout.bootConfigs == ["/boot/grub/grub.cfg"])
        }
    }
}
