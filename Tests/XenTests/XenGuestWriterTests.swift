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

