import BootConfig
import Testing

@Suite("syslinux document")
struct SyslinuxDocumentTests {
    static let fixtures: [String] = [
        BootMenuFixtures.debianIsolinux, BootMenuFixtures.debianMenu, BootMenuFixtures.debianLive,
        BootMenuFixtures.systemRescueSyslinux, BootMenuFixtures.systemRescueSyslinuxHead, BootMenuFixtures.casperTxt,
        BootMenuFixtures.plainSyslinux,
    ]

    @Test("an unedited document renders byte-identical", arguments: fixtures)
    func roundTrip(text: String) {
        let document = SyslinuxDocument(text: text)
        #expect(document.render() == text)
        #expect(document.bytes == Array(text.utf8))
    }

    @Test("Debian live: lower-case keywords, MENU DEFAULT, INITRD, includes")
    func debian() {
        let live = SyslinuxDocument(text: BootMenuFixtures.debianLive)
        #expect(live.labels.map(\.name) == ["live-amd64", "live-amd64-failsafe"])
        #expect(live.defaultEntry() == BootMenuEntry(
            title: "Live system (amd64)", id: "live-amd64", kernel: "/live/vmlinuz-6.1.0-18-amd64",
            initrds: ["/live/initrd.img-6.1.0-18-amd64"], parameters: ["boot=live", "components", "quiet", "splash"],
            isDefault: true))
        let isolinux = SyslinuxDocument(text: BootMenuFixtures.debianIsolinux)
        #expect(isolinux.references == ["menu.cfg"])
        #expect(isolinux.defaultValue == "vesamenu.c32")
        #expect(isolinux.timeoutValue == "0")
        #expect(isolinux.promptValue == "0")
        #expect(isolinux.labels.isEmpty)
        let menu = SyslinuxDocument(text: BootMenuFixtures.debianMenu)
        #expect(menu.references == ["stdmenu.cfg", "live.cfg", "stdmenu.cfg"])
        #expect(menu.labels.map(\.name) == ["mainmenu", "hdt"])
        #expect(menu.labels[1].kernelKeyword == "COM32")
        #expect(menu.bootEntries().map(\.kernel) == ["", ""])
    }

    @Test("SystemRescue: upper case, help text skipped, comma-separated INITRD, ONTIMEOUT")
    func systemRescue() {
        let document = SyslinuxDocument(text: BootMenuFixtures.systemRescueSyslinux)
        #expect(document.references == ["boot/syslinux/sysresccd_head.cfg"])
        #expect(document.labels.map(\.name) == ["sysresccd", "sysresccd_copytoram", "memtest"])
        #expect(document.labels[0].initrds == ["boot/intel_ucode.img", "boot/amd_ucode.img", "boot/x86_64/sysresccd.img"])
        #expect(document.labels[0].parameters == ["archisobasedir=sysresccd", "archisolabel=RESCUE1100", "iomem=relaxed"])
        #expect(document.labels[2].append == nil)
        #expect(document.defaultEntry()?.id == "sysresccd")
        let head = SyslinuxDocument(text: BootMenuFixtures.systemRescueSyslinuxHead)
        #expect(head.userInterface == "vesamenu.c32")
        #expect(head.onTimeoutValue == "sysresccd")
        #expect(head.timeoutValue == "150")
    }

    @Test("casper txt.cfg: initrd= inside append, DEFAULT names a label, localboot")
    func casper() {
        let document = SyslinuxDocument(text: BootMenuFixtures.casperTxt)
        #expect(document.defaultEntry() == BootMenuEntry(
            title: "Try Ubuntu without installing", id: "live", kernel: "/casper/vmlinuz", initrds: ["/casper/initrd"],
            parameters: ["file=/cdrom/preseed/ubuntu.seed", "boot=casper", "quiet", "splash", "---"], isDefault: true))
        #expect(document.labels[2].kernelKeyword == "LOCALBOOT")
        #expect(document.bootEntries().map(\.kernel) == ["/casper/vmlinuz", "/install/mt86plus", ""])
    }

    @Test("a global APPEND applies to labels without their own; CRLF lines")
    func plain() {
        let document = SyslinuxDocument(text: BootMenuFixtures.plainSyslinux)
        #expect(document.globalAppend == ["console=ttyS0", "quiet"])
        #expect(document.labels[0].parameters == ["console=ttyS0", "quiet"])
        #expect(document.labels[0].initrds == ["/boot/initrd.img"])
        #expect(document.labels[1].parameters == ["debug", "loglevel=7"])
        #expect(document.timeoutValue == "50")
        #expect(document.defaultEntry()?.id == "rescue")
    }

    @Test("DEFAULT matches a label name in another case when no exact match exists")
    func caseInsensitive() {
        let document = SyslinuxDocument(text: "DeFaUlT Two\nlabel one\nkernel /a\nLABEL two\nKERNEL /b\n")
        #expect(document.defaultEntry()?.kernel == "/b")
    }
}
