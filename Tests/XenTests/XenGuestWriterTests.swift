import BootConfig
import Foundation
import ISO9660
import Testing
import TestSupport
import Xen

@Suite("Xen guest writer")
struct XenGuestWriterTests {
    @Test("writes the kernel, the concatenated initrds and one xl.cfg per guest that reads back and validates")
    func write() async throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.systemRescue, in: scratch.path))
        let plan = try XenGuestPlanner.plan(
            image: image, options: XenGuestOptions(outputDirectory: scratch.path("out/guests"), name: "sr", count: 2))
        let written = try await XenGuestWriter.write(plan, image: image)
        #expect(written == plan.outputFiles)
        #expect(written.map { ($0 as NSString).lastPathComponent }
            == ["systemrescue.vmlinuz", "systemrescue.initrd", "sr-1.cfg", "sr-2.cfg"])
        #expect(try String(contentsOfFile: scratch.path("out/guests/systemrescue.vmlinuz"), encoding: .utf8) == "sysresccd kernel\n")
        #expect(try String(contentsOfFile: scratch.path("out/guests/systemrescue.initrd"), encoding: .utf8)
            == "intel ucode\namd ucode\nsysresccd initramfs\n")
        for guest in plan.guests {
            let config = try XLConfig(text: try String(contentsOfFile: guest.configPath, encoding: .utf8))
            try config.validate()
            #expect(config["name"] == .string(guest.name))
            #expect(config["kernel"] == .string(scratch.path("out/guests/systemrescue.vmlinuz")))
            #expect(config["disk"]?.listValue?.first?.stringValue?.hasSuffix("target=" + scratch.path("systemrescue.iso")) == true)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out/guests")).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a vif spec that breaks xl.cfg quoting still renders and reads back")
    func quoting() throws {
        var guest = XenGuest(
            name: "q", type: .pvh, kernel: "/k", ramdisk: "/r", cmdline: "a='b c'", memoryMiB: 256, vcpus: 2, ip: nil,
            vifs: ["bridge=br0,script=it's"], disks: ["target=/x"], configPath: "/q.cfg")
        let text = try XenGuestWriter.checkedConfig(guest)
        #expect(text.contains("cmdline = \"a='b c'\""))
        guest.name = "two words"
        #expect(throws: XenError.invalidConfig(
            name: "two words",
            underlying: .invalidValue(key: "name", value: "two words", reason: "a domain name is one word without /"))) {
            try XenGuestWriter.checkedConfig(guest)
        }
    }
}

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
