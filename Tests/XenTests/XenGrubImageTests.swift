import BootConfig
import Foundation
import ISO9660
import Testing
import TestSupport
import Xen

@Suite("Xen pvgrub2")
struct XenGrubImageTests {
    @Test("pvgrub2: no extraction; the cfg boots a GRUB Xen image whose embedded config loads the entry from the CD")
    func plan() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.systemRescue, in: scratch.path))
        let plan = try XenGuestPlanner.plan(
            image: image, options: XenGuestOptions(outputDirectory: scratch.path("out"), boot: .pvgrub2))
        try Golden.check(try #require(plan.grubConfig), against: "systemrescue.pvgrub2.cfg")
        let config = plan.guests[0].xlConfig
        #expect(config["kernel"] == .string(scratch.path("out/systemrescue.x86_64-xen.bin")))
        #expect(config["ramdisk"] == nil && config["cmdline"] == nil)
        try config.validate()
        let addressed = XenGuestOptions(outputDirectory: scratch.path("out"), boot: .pvgrub2, count: 2, ipStart: IPv4Address("10.0.0.1"))
        #expect(throws: XenError.invalidOption("--boot pvgrub2 embeds one command line; per-guest addresses need --boot direct")) {
            try XenGuestPlanner.plan(image: image, options: addressed)
        }
    }

    @Test(
        "grub-mkimage builds the x86_64-xen and i386-xen_pvh images",
        .enabled(if: Oracle.required || FileManager.default.fileExists(atPath: "/usr/lib/grub/x86_64-xen/linux.mod")),
        arguments: [XenGuestType.pv, .pvh])
    func build(type: XenGuestType) async throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.isokit, in: scratch.path))
        let plan = try XenGuestPlanner.plan(
            image: image, options: XenGuestOptions(outputDirectory: scratch.path("out"), type: type, boot: .pvgrub2))
        let written = try await XenGuestWriter.write(plan, image: image)
        #expect(written == plan.outputFiles)
        let grub = try #require(plan.guests.first?.kernel)
        let size = try #require((try FileManager.default.attributesOfItem(atPath: grub)[.size] as? NSNumber)?.intValue)
        #expect(size > 64 << 10)
        #expect(try String(contentsOfFile: grub + ".cfg", encoding: .utf8) == plan.grubConfig)
    }
}
