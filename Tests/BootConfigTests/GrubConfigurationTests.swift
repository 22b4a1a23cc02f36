import BootConfig
import TestSupport
import Testing

@Suite("GRUB configuration")
struct GrubConfigurationTests {
    static let entry = GrubMenuEntry(
        title: "isokit live", kernel: "/boot/x86_64/vmlinuz", initrds: ["/boot/x86_64/initrd.img"],
        parameters: ["isokit.label=ISOKIT_LIVE", "console=ttyS0,115200"])

    @Test("a menu renders serial, default, timeout and entries")
    func renders() {
        let menu = GrubConfiguration(timeoutSeconds: 5, serial: GrubSerialConsole(), entries: [Self.entry])
        #expect(menu.render() == """
            serial --unit=0 --speed=115200
            terminal_input console serial
            terminal_output console serial

            set default=0
            set timeout=5

            menuentry 'isokit live' {
                linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_LIVE console=ttyS0,115200
                initrd /boot/x86_64/initrd.img
            }

            """)
    }

    @Test("words with spaces, quotes or GRUB specials are single-quoted")
    func quotes() {
        var entry = Self.entry
        entry.title = "it's $HOME; {x}"
        entry.parameters = ["a b", "plain=1"]
        let text = GrubConfiguration(timeoutSeconds: 0, serial: nil, entries: [entry]).render()
        #expect(text.contains(#"menuentry 'it'\''s $HOME; {x}' {"#))
        #expect(text.contains("linux /boot/x86_64/vmlinuz 'a b' plain=1"))
        #expect(!text.contains("serial"))
    }

    @Test("the early config searches by label and reads the medium's grub.cfg")
    func early() {
        #expect(GrubEarlyConfiguration(label: "ISOKIT_LIVE").render() == """
            search --no-floppy --set=root --label ISOKIT_LIVE
            set prefix=($root)/boot/grub
            configfile $prefix/grub.cfg

            """)
    }
}

@Suite("GRUB configuration against grub-script-check", .oracles("grub-script-check"))
struct GrubScriptCheckTests {
    @Test("rendered menus and early configs parse as GRUB script")
    func parses() async throws {
        var odd = GrubConfigurationTests.entry
        odd.title = "it's \"odd\" ${x} \\ end"
        odd.parameters = ["a b", "c'd", "e;f"]
        let menu = GrubConfiguration(timeoutSeconds: 3, serial: GrubSerialConsole(), entries: [GrubConfigurationTests.entry, odd])
        try await withTemporaryDirectory { directory in
            for (name, text) in [("grub.cfg", menu.render()), ("early.cfg", GrubEarlyConfiguration(label: "A B'C").render())] {
                try FileTree.write([name: .text(text)], under: directory)
                try await Tool.run("grub-script-check", [directory + "/" + name])
            }
        }
    }
}
