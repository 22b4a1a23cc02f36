import BootConfig
import Foundation
import ISO9660
import Testing
import TestSupport
import Xen

@Suite("Xen guest planner")
struct XenGuestPlannerTests {
    /// The xl.cfg of the default guest, with the scratch directory written as /SCRATCH so the golden file is stable.
    static func config(_ plan: XenGuestPlan, scratch: String) throws -> String {
        let text = try XenGuestWriter.checkedConfig(try #require(plan.guests.first))
        return text.replacingOccurrences(of: scratch, with: "/SCRATCH")
    }

    @Test("golden xl.cfg for each live family", arguments: XenFixture.families)
    func golden(layout: XenFixture.Layout) throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(layout, in: scratch.path))
        let plan = try XenGuestPlanner.plan(image: image, options: XenGuestOptions(outputDirectory: scratch.path("out")))
        try Golden.check(try Self.config(plan, scratch: scratch.path), against: "\(layout.name).cfg")
        let reread = try XLConfig(text: try Self.config(plan, scratch: scratch.path))
        try reread.validate()
        #expect(reread["cmdline"]?.stringValue?.hasSuffix("console=hvc0") == true || layout.name == "casper")
    }

    @Test("SystemRescue: microcode and main initrd are concatenated in order; label search replaced by the device")
    func systemRescue() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.systemRescue, in: scratch.path))
        let plan = try XenGuestPlanner.plan(image: image, options: XenGuestOptions(outputDirectory: scratch.path("out")))
        #expect(plan.family == .archiso)
        #expect(plan.initrdSources == [
            "/sysresccd/boot/intel_ucode.img", "/sysresccd/boot/amd_ucode.img", "/sysresccd/boot/x86_64/sysresccd.img",
        ])
        let cmdline = try #require(plan.guests.first?.cmdline)
        #expect(cmdline == "iomem=relaxed archisobasedir=sysresccd archisodevice=/dev/xvdc console=hvc0")
    }

    @Test("--entry picks by index or title; an unknown one lists what there is")
    func entrySelection() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.isokit, in: scratch.path))
        var options = XenGuestOptions(outputDirectory: scratch.path("out"))
        options.entry = .index(1)
        #expect(try XenGuestPlanner.plan(image: image, options: options).entry.title == "isokit live (copy to RAM)")
        options.entry = .title("isokit live (copy to RAM)")
        #expect(try XenGuestPlanner.plan(image: image, options: options).guests[0].cmdline.contains("isokit.toram"))
        options.entry = .index(7)
        #expect(throws: XenError.noSuchEntry(.index(7), available: ["isokit live", "isokit live (copy to RAM)"])) {
            try XenGuestPlanner.plan(image: image, options: options)
        }
    }

    @Test("--count with --ip-start: sequential names, addresses in vif and cmdline, ${variables} substituted")
    func countAndAddresses() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.debianLive, in: scratch.path))
        let options = XenGuestOptions(
            outputDirectory: scratch.path("out"), name: "web", vifs: ["bridge=${bridge},mac=00:16:3e:00:00:0${index}"],
            disks: ["format=raw, vdev=xvdb, access=rw, target=/srv/${name_prefix}${index}.img"],
            extraParameters: ["hostname=web${index}"], variables: ["bridge": "xenbr0", "name_prefix": "data"], count: 3,
            ipStart: IPv4Address("192.168.7.254"), gateway: IPv4Address("192.168.7.1"))
        let plan = try XenGuestPlanner.plan(image: image, options: options)
        #expect(plan.guests.map(\.name) == ["web-1", "web-2", "web-3"])
        #expect(plan.guests.map { $0.ip?.description } == ["192.168.7.254", "192.168.7.255", "192.168.8.0"])
        #expect(plan.guests[1].vifs == ["bridge=xenbr0,mac=00:16:3e:00:00:02,ip=192.168.7.255"])
        #expect(plan.guests[2].disks.last == "format=raw, vdev=xvdb, access=rw, target=/srv/data3.img")
        #expect(plan.guests[0].cmdline == "boot=live components quiet live-media=/dev/xvdc "
            + "ip=192.168.7.254::192.168.7.1:255.255.255.0::eth0:off console=hvc0 hostname=web1")
        #expect(Set(plan.guests.map(\.kernel)).count == 1)
    }

    @Test("casper: live-media before the --- separator, static address in casper's own form")
    func casper() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.casper, in: scratch.path))
        let options = XenGuestOptions(outputDirectory: scratch.path("out"), ipStart: IPv4Address("10.1.2.3"))
        let cmdline = try XenGuestPlanner.plan(image: image, options: options).guests[0].cmdline
        #expect(cmdline == "file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet live-media=/dev/xvdc "
            + "ip=eth0,10.1.2.3,255.255.255.0, console=hvc0 ---")
    }

    @Test("an undefined ${variable} names the option")
    func undefinedVariable() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        let image = try ISOImage(path: try XenFixture.image(XenFixture.isokit, in: scratch.path))
        let options = XenGuestOptions(outputDirectory: scratch.path("out"), vifs: ["bridge=${br}"])
        #expect(throws: XenError.undefinedVariable(name: "br", field: "--vif")) {
            try XenGuestPlanner.plan(image: image, options: options)
        }
    }

    @Test("an image without boot menus")
    func noBootEntry() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        var layout = XenFixture.debianLive
        layout.tree = layout.tree.filter { !$0.key.hasSuffix(".cfg") }
        layout.name = "no-menu"
        let path = try XenFixture.image(layout, in: scratch.path)
        #expect(throws: XenError.noBootEntry(image: path, menus: [])) {
            try XenGuestPlanner.plan(image: try ISOImage(path: path), options: XenGuestOptions(outputDirectory: scratch.path("out")))
        }
    }

    @Test("an entry without an initrd")
    func noInitrd() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        var layout = XenFixture.isokit
        layout.name = "no-initrd"
        layout.tree["boot/grub/grub.cfg"] = .text("menuentry 'bare' {\n  linux /boot/x86_64/vmlinuz quiet\n}\n")
        let path = try XenFixture.image(layout, in: scratch.path)
        #expect(throws: XenError.noInitrd(entry: "bare", menu: "/boot/grub/grub.cfg")) {
            try XenGuestPlanner.plan(image: try ISOImage(path: path), options: XenGuestOptions(outputDirectory: scratch.path("out")))
        }
    }

    @Test("a kernel the image does not hold")
    func missingKernel() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        var layout = XenFixture.isokit
        layout.name = "no-kernel"
        layout.tree["boot/x86_64/vmlinuz"] = nil
        let path = try XenFixture.image(layout, in: scratch.path)
        #expect(throws: XenError.fileNotInImage(path: "/boot/x86_64/vmlinuz", entry: "isokit live")) {
            try XenGuestPlanner.plan(image: try ISOImage(path: path), options: XenGuestOptions(outputDirectory: scratch.path("out")))
        }
    }

    @Test("Rock Ridge symbolic links to the kernel and initrd are followed")
    func symlinks() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        var layout = XenFixture.debianLive
        layout.name = "links"
        layout.tree["live/vmlinuz"] = .symlink("vmlinuz-6.1.0-18-amd64")
        layout.tree["live/initrd.img"] = .symlink("../live/./initrd.img-6.1.0-18-amd64")
        layout.tree["boot/grub/grub.cfg"] = .text("menuentry 'l' {\n linux /live/vmlinuz boot=live\n initrd /live/initrd.img\n}\n")
        let image = try ISOImage(path: try XenFixture.image(layout, in: scratch.path))
        let plan = try XenGuestPlanner.plan(image: image, options: XenGuestOptions(outputDirectory: scratch.path("out")))
        #expect(plan.kernelSource == "/live/vmlinuz-6.1.0-18-amd64")
        #expect(plan.initrdSources == ["/live/initrd.img-6.1.0-18-amd64"])
    }
}
