import BootConfig
import TestSupport
import Testing

@Suite("GRUB hypervisor entries")
struct GrubHypervisorTests {
    static let xen = GrubMenuEntry(
        title: "Xen", kernel: "/boot/x86_64/vmlinuz", initrds: ["/boot/x86_64/initrd.img"],
        parameters: ["isokit.label=ISOKIT_LIVE", "console=hvc0"],
        hypervisor: GrubHypervisor(path: "/boot/xen/xen.gz", parameters: ["dom0_mem=1024M,max:1024M", "console=com1"]))

    @Test("a hypervisor entry renders multiboot2 for Xen and module2 for the kernel, then each initrd")
    func renders() {
        let text = GrubConfiguration(timeoutSeconds: 5, serial: nil, entries: [Self.xen]).render()
        #expect(text == """
            set default=0
            set timeout=5

            menuentry Xen {
                multiboot2 /boot/xen/xen.gz dom0_mem=1024M,max:1024M console=com1
                module2 /boot/x86_64/vmlinuz isokit.label=ISOKIT_LIVE console=hvc0
                module2 /boot/x86_64/initrd.img
            }

            """)
    }

    @Test("the rendered entry reads back: hypervisor, dom0 kernel, its parameters and initrd")
    func readsBack() throws {
        var plain = Self.xen
        plain.title = "Linux"
        plain.hypervisor = nil
        let text = GrubConfiguration(timeoutSeconds: 5, serial: GrubSerialConsole(), entries: [Self.xen, plain]).render()
        let document = try GrubMenuDocument(text: text)
        let entries = document.bootEntries()
        try #require(entries.count == 2)
        #expect(entries[0].hypervisor == "/boot/xen/xen.gz")
        #expect(entries[0].kernel == "/boot/x86_64/vmlinuz")
        #expect(entries[0].initrds == ["/boot/x86_64/initrd.img"])
        #expect(entries[0].parameters == ["isokit.label=ISOKIT_LIVE", "console=hvc0"])
        #expect(entries[0].isDefault)
        #expect(document.items[0].multiboot?.command == "multiboot2")
        #expect(document.items[0].multiboot?.parameters == ["dom0_mem=1024M,max:1024M", "console=com1"])
        #expect(document.items[0].modules.map(\.command) == ["module2", "module2"])
        #expect(entries[1].hypervisor == nil)
        #expect(entries[1].kernel == "/boot/x86_64/vmlinuz")
    }

    @Test("an entry without initrds has just the kernel module; odd words are quoted")
    func quotes() {
        var entry = Self.xen
        entry.initrds = []
        entry.hypervisor?.parameters = ["a b"]
        let text = GrubConfiguration(timeoutSeconds: 0, serial: nil, entries: [entry]).render()
        #expect(text.contains("    multiboot2 /boot/xen/xen.gz 'a b'\n    module2 /boot/x86_64/vmlinuz"))
        #expect(text.components(separatedBy: "module2").count == 2)
    }
}

@Suite("GRUB hypervisor entries against grub-script-check", .oracles("grub-script-check"))
struct GrubHypervisorScriptCheckTests {
    @Test("a menu with Xen entries parses as GRUB script")
    func parses() async throws {
        var odd = GrubHypervisorTests.xen
        odd.title = "Xen (it's \"odd\")"
        odd.hypervisor?.parameters = ["x;y", "c'd"]
        let menu = GrubConfiguration(timeoutSeconds: 3, serial: GrubSerialConsole(), entries: [GrubHypervisorTests.xen, odd])
        try await withTemporaryDirectory { directory in
            try FileTree.write(["grub.cfg": .text(menu.render())], under: directory)
            try await Tool.run("grub-script-check", [directory + "/grub.cfg"])
        }
    }
}
