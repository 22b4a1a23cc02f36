import BootConfig
import Testing

@Suite("syslinux label duplication")
struct SyslinuxDocumentDuplicationTests {
    @Test("the copy follows the label with a new name and MENU LABEL, without MENU DEFAULT, with the parameter")
    func debianLive() throws {
        var document = SyslinuxDocument(text: BootMenuFixtures.debianLive)
        let position = try document.duplicateEntry(
            .index(0), title: "Live system (amd64) (Xen console hvc0)", name: "live-amd64-hvc0", appending: ["console=hvc0"])
        #expect(position == 1)
        #expect(document.labels.map(\.name) == ["live-amd64", "live-amd64-hvc0", "live-amd64-failsafe"])
        #expect(document.labels[1].menuLabel == "Live system (amd64) (Xen console hvc0)")
        #expect(!document.labels[1].isMenuDefault && document.labels[0].isMenuDefault)
        #expect(document.labels[1].parameters == ["boot=live", "components", "quiet", "splash", "console=hvc0"])
        let changes = LineChanges(from: BootMenuFixtures.debianLive, to: document.render())
        #expect(changes.removed.isEmpty)
        #expect(changes.inserted.count == 5)
        #expect(changes.inserted.contains("\tmenu label Live system (amd64) (Xen console hvc0)"))
    }

    @Test("help text is copied along; a last label without a final newline or APPEND still gets both")
    func systemRescue() throws {
        var document = SyslinuxDocument(text: BootMenuFixtures.systemRescueSyslinux)
        try document.duplicateEntry(.title("sysresccd"), title: "SystemRescue (Xen console hvc0)", name: "sysresccd-hvc0", appending: ["console=hvc0"])
        #expect(document.labels[1].name == "sysresccd-hvc0")
        #expect(document.labels[1].parameters.last == "console=hvc0")
        try document.duplicateEntry(.title("memtest"), title: "Memtest copy", name: "memtest2", appending: ["x"])
        #expect(document.labels.map(\.name).suffix(2) == ["memtest", "memtest2"])
        #expect(document.render().hasSuffix("LINUX boot/x86_64/memtest\nLABEL memtest2\nMENU LABEL Memtest copy\nLINUX boot/x86_64/memtest\nAPPEND x\n"))
    }

    @Test("a label without MENU LABEL gets one; the copy inherits nothing it did not have")
    func casper() throws {
        var document = SyslinuxDocument(text: "default live\nlabel live\n  kernel /casper/vmlinuz\n  append boot=casper quiet\n")
        try document.duplicateEntry(.index(0), title: "Try (hvc0)", name: "live-hvc0", appending: ["console=hvc0"])
        #expect(document.render() == """
            default live
            label live
              kernel /casper/vmlinuz
              append boot=casper quiet
            label live-hvc0
              menu label Try (hvc0)
              kernel /casper/vmlinuz
              append boot=casper quiet console=hvc0

            """)
    }
}
