import BootConfig
@testable import LiveSystem
import TestSupport
import Testing

/// The GRUB menu of a Xen live CD (`isokit build --xen`): Xen entries first, then the plain Linux ones.
@Suite("Xen live CD menu")
struct XenLiveMenuTests {
    /// The menu of the fixture image's kernel and initrd, with one extra entry.
    static func menu(
        xen: LiveXenOptions? = LiveXenOptions(), extra: [String] = [],
        entries: [LiveBootEntry] = [LiveBootEntry(title: "extra", parameters: ["x=1"])]
    ) -> GrubConfiguration {
        LiveBootMenu.configuration(
            label: XenLiveFixture.volumeID, kernel: "/boot/x86_64/vmlinuz", initrd: "/boot/x86_64/initrd.img",
            extra: extra, entries: entries, timeout: 5, xen: xen)
    }

    @Test("the menu matches its golden file: Xen (default), serial console, safe mode, then Linux")
    func golden() throws {
        try Golden.check(Self.menu(entries: []).render(), against: "xen-live.grub.cfg")
    }

    @Test("every Xen entry boots /boot/xen/xen.gz with the options first, dom0 on hvc0; Linux entries stay as they were")
    func entries() throws {
        let entries = Self.menu(xen: LiveXenOptions(options: ["dom0_mem=512M"]), extra: ["isokit.selftest"]).entries
        #expect(entries.map(\.title) == [
            "Xen", "Xen, serial console (com1=115200,8n1)", "Xen safe mode (nosmp noreboot …)", "isokit live",
            "isokit live (copy to RAM)", "isokit live (debug shell)", "extra",
        ])
        for entry in entries.prefix(3) {
            let hypervisor = try #require(entry.hypervisor)
            #expect(hypervisor.path == "/boot/xen/xen.gz")
            #expect(hypervisor.parameters.first == "dom0_mem=512M")
            #expect(hypervisor.parameters.contains("com1=115200,8n1"))
            #expect(entry.parameters.last == "isokit.selftest")
            #expect(entry.parameters.filter { $0.hasPrefix("console=") }.last == "console=hvc0")
            #expect(!entry.parameters.contains("console=ttyS0,115200"), "under Xen the serial port is Xen's")
        }
        #expect(entries[1].hypervisor?.parameters.contains("console=com1") == true)
        #expect(entries[2].hypervisor?.parameters.contains("nosmp") == true)
        #expect(entries.dropFirst(3).allSatisfy { $0.hypervisor == nil })
        #expect(Self.menu(xen: nil).entries.map(\.title).first == "isokit live")
        #expect(Self.menu(xen: nil).render() == LiveBootMenu.configuration(
            label: XenLiveFixture.volumeID, kernel: "/boot/x86_64/vmlinuz", initrd: "/boot/x86_64/initrd.img", extra: [],
            entries: [LiveBootEntry(title: "extra", parameters: ["x=1"])], timeout: 5).render())
    }

    @Test("the menu reads back: the default entry is Xen with dom0's kernel, parameters and initrd")
    func readsBack() throws {
        let document = try GrubMenuDocument(text: Self.menu().render())
        let chosen = try #require(document.defaultEntry())
        #expect(chosen.title == "Xen")
        #expect(chosen.hypervisor == "/boot/xen/xen.gz")
        #expect(chosen.kernel == "/boot/x86_64/vmlinuz")
        #expect(chosen.initrds == ["/boot/x86_64/initrd.img"])
        #expect(chosen.parameters == ["isokit.label=ISOKIT_XEN", "console=tty0", "console=hvc0"])
        #expect(document.bootEntries().filter { $0.hypervisor != nil }.count == 3)
    }
}
