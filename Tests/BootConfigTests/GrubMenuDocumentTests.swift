import BootConfig
import Foundation
import TestSupport
import Testing

@Suite("GRUB menu document")
struct GrubMenuDocumentTests {
    static let fixtures: [(name: String, text: String)] = [
        ("debian", BootMenuFixtures.debianGrub), ("sysresccd", BootMenuFixtures.systemRescueGrub),
        ("sysresccd-loopback", BootMenuFixtures.systemRescueLoopback), ("stick", BootMenuFixtures.multibootStick),
        ("casper", BootMenuFixtures.casperGrub), ("xen", BootMenuFixtures.xenGrub),
    ]

    @Test("an unedited document renders byte-identical", arguments: fixtures.map(\.text))
    func roundTrip(text: String) throws {
        let document = try GrubMenuDocument(text: text)
        #expect(document.render() == text)
        #expect(document.bytes == Array(text.utf8))
    }

    @Test("bytes that are not UTF-8 are kept")
    func nonUTF8() throws {
        let bytes: [UInt8] = Array("menuentry 'caf".utf8) + [0xE9] + Array("' {\n linux /k a=\u{1}\n}\n".utf8)
        let document = try GrubMenuDocument(bytes: bytes)
        #expect(document.bytes == bytes)
        #expect(document.items.first?.kernel?.parameters == ["a=\u{1}"])
    }

    @Test("Debian live: entries, submenu, hotkeys, variables in parameters")
    func debian() throws {
        let document = try GrubMenuDocument(text: BootMenuFixtures.debianGrub)
        #expect(document.items.map(\.title) == ["Live system (amd64)", "Live system (amd64 fail-safe mode)", "Utilities..."])
        #expect(document.items[2].isSubmenu)
        #expect(document.items[2].children.map(\.id) == ["uefi-firmware", nil])
        #expect(document.items[0].options == ["--hotkey=l"])
        #expect(document.references == ["/boot/grub/config.cfg", "/boot/grub/theme.cfg"])
        #expect(document.defaultValue == "0")
        #expect(document.timeoutValue == "30")
        #expect(document.variables == ["iso_path"])
        let entries = document.bootEntries()
        #expect(entries.map(\.title) == [
            "Live system (amd64)", "Live system (amd64 fail-safe mode)", "UEFI Firmware Settings",
            "Live system (amd64, serial console)",
        ])
        #expect(entries[2].kernel == "")
        #expect(document.defaultEntry() == BootMenuEntry(
            title: "Live system (amd64)", kernel: "/live/vmlinuz-6.1.0-18-amd64",
            initrds: ["/live/initrd.img-6.1.0-18-amd64"],
            parameters: ["boot=live", "components", "quiet", "splash", "findiso=${iso_path}"], isDefault: true))
        #expect(document.flattenedEntries.map(\.path) == [[0], [1], [2, 0], [2, 1]])
    }

    @Test("SystemRescue: classes, several initrds, a chainloader entry")
    func systemRescue() throws {
        let document = try GrubMenuDocument(text: BootMenuFixtures.systemRescueGrub)
        let first = try #require(document.items.first)
        #expect(first.classes == ["sysresccd"])
        #expect(first.kernel == GrubBootCommand(
            command: "linux", path: "/sysresccd/boot/x86_64/vmlinuz",
            parameters: ["archisobasedir=sysresccd", "archisolabel=RESCUE1100", "iomem=relaxed"], line: 19))
        #expect(first.initrds == [
            "/sysresccd/boot/intel_ucode.img", "/sysresccd/boot/amd_ucode.img", "/sysresccd/boot/x86_64/sysresccd.img",
        ])
        #expect(document.bootEntries().map(\.kernel).last == "")
        #expect(document.defaultEntry()?.title == "Boot SystemRescue using default options")
    }

    @Test("loopback.cfg: variables in parameters are reported, not expanded")
    func loopbackConfig() throws {
        let document = try GrubMenuDocument(text: BootMenuFixtures.systemRescueLoopback)
        #expect(document.variables == ["imgdevpath", "iso_path"])
        #expect(document.items[0].kernel?.parameters.prefix(2) == ["img_dev=$imgdevpath", "img_loop=${iso_path}"])
        #expect(document.defaultValue == nil)
        #expect(document.defaultEntry()?.title == "SystemRescue (img_loop)")
    }

    @Test("a stick's grub.cfg: loopback, set root, configfile, --id")
    func stick() throws {
        let document = try GrubMenuDocument(text: BootMenuFixtures.multibootStick)
        #expect(document.loopbacks.map(\.device) == ["loop", "loop2", "loop"])
        #expect(document.loopbacks.map(\.path) == [
            "${isofile}", "${isofile}", "/isos/debian-live-12.5.0-amd64-standard.iso",
        ])
        #expect(document.rootSettings == ["(loop)"])
        #expect(document.references == ["/boot/grub/loopback.cfg"])
        #expect(document.items[0].id == "sysresccd-iso")
        #expect(document.items[0].roots == ["(loop2)"])
        #expect(document.items[1].kernel?.path == "(loop)/live/vmlinuz")
        #expect(document.variables.contains("isofile"))
    }

    @Test("casper: the --- separator is a parameter; entries inside if/fi count")
    func casper() throws {
        let document = try GrubMenuDocument(text: BootMenuFixtures.casperGrub)
        #expect(document.items.count == 4)
        #expect(document.defaultEntry()?.parameters.last == "---")
        #expect(document.defaultEntry()?.parameters.first == "boot=casper")
    }

    @Test("Xen: multiboot2 + module2 give hypervisor, dom0 kernel and initrd; saved_entry means the first")
    func xen() throws {
        let document = try GrubMenuDocument(text: BootMenuFixtures.xenGrub)
        #expect(document.defaultValue == "${saved_entry}")
        #expect(document.items[0].id == "xen-default")
        #expect(document.items[0].modules.last?.options == ["--nounzip"])
        #expect(document.defaultEntry() == BootMenuEntry(
            title: "Xen", id: "xen-default", kernel: "/boot/x86_64/vmlinuz", initrds: ["/boot/x86_64/initrd.img"],
            parameters: ["isokit.label=ISOKIT_XEN", "console=hvc0"], hypervisor: "/boot/xen/xen.gz", isDefault: true))
        #expect(document.bootEntries()[2].initrds == ["/boot/x86_64/initrd.img"])
    }

    @Test(
        "default resolves an index, a path, a title or an id",
        arguments: [
            ("1", "Live system (amd64 fail-safe mode)"), ("2>1", "Live system (amd64, serial console)"),
            ("Utilities...>uefi-firmware", "UEFI Firmware Settings"), ("Live system (amd64 fail-safe mode)", "Live system (amd64 fail-safe mode)"),
            ("9", "Live system (amd64)"), ("nothing", "Live system (amd64)"),
        ])
    func defaults(value: String, title: String) throws {
        let text = BootMenuFixtures.debianGrub.replacingOccurrences(of: "set default=0", with: "set default='\(value)'")
        let document = try GrubMenuDocument(text: text)
        #expect(document.defaultValue == value)
        #expect(document.defaultEntry()?.title == title)
        #expect(document.bootEntries().filter(\.isDefault).map(\.title) == [title])
    }

    @Test("an empty file has no entries and renders empty")
    func empty() throws {
        let document = try GrubMenuDocument(text: "")
        #expect(document.defaultEntry() == nil)
        #expect(document.render() == "")
    }

    @Test("malformed files give the position of the fault")
    func malformed() {
        #expect(throws: BootConfigError.unterminatedQuote(quote: "'", line: 20, column: 33)) {
            try GrubMenuDocument(text: BootMenuFixtures.debianGrub.replacingOccurrences(of: "--hotkey=u {", with: "--hotkey='u {"))
        }
        #expect(throws: BootConfigError.unclosedBrace(line: 20, column: 35)) {
            try GrubMenuDocument(text: BootMenuFixtures.debianGrub.replacingOccurrences(of: "\t\tfwsetup\n\t}", with: "\t\tfwsetup\n"))
        }
    }
}

@Suite("GRUB menu document against real GRUB files", .oracles("osirrox", "grub-script-check"))
struct GrubMenuDocumentOracleTests {
    static let rescueISO = "/usr/lib/grub-rescue/grub-rescue-cdrom.iso"

    @Test(
        "the grub.cfg of Debian's grub-rescue-cdrom.iso reads and renders byte-identical",
        .enabled(if: Oracle.required || FileManager.default.fileExists(atPath: rescueISO), "needs grub-rescue-pc"))
    func rescueCD() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/grub.cfg"
            try await Tool.run("osirrox", ["-indev", Self.rescueISO, "-extract", "/boot/grub/grub.cfg", path])
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let document = try GrubMenuDocument(bytes: bytes)
            #expect(document.bytes == bytes)
            #expect(document.timeoutValue == "30")
            #expect(document.defaultValue == "gnulinux")
            #expect(document.defaultEntry()?.kernel == "/vmlinuz")
            #expect(document.defaultEntry()?.id == "gnulinux")
            #expect(document.items.count == 9)
            #expect(document.items.first?.roots == ["(hd0,msdos1)"])
            let hurd = try #require(document.items.first { $0.id == "gnuhurd" })
            #expect(hurd.multiboot?.path == "/boot/gnumach.gz")
            #expect(hurd.modules.first?.parameters.contains("--multiboot-command-line=${kernel-command-line}") == true)
            #expect(document.items.first { $0.title == "Memtest86+" }?.kernel?.command == "linux16")
            var edited = document
            try edited.appendParameters(["console=ttyS0,115200"], to: .title("gnulinux"))
            try edited.setDefault(.index(7))
            try edited.setTimeout(seconds: 3)
            let changes = LineChanges(from: document.render(), to: edited.render())
            #expect(changes == LineChanges(
                removed: ["set timeout=30", "set default=gnulinux", "\tlinux /vmlinuz root=/dev/sda1"],
                inserted: ["set timeout=3", "set default=7", "\tlinux /vmlinuz root=/dev/sda1 console=ttyS0,115200"]))
            #expect(edited.defaultEntry()?.title == "Memtest86+")
            try FileTree.write(["edited.cfg": .text(edited.render())], under: directory)
            try await Tool.run("grub-script-check", [directory + "/edited.cfg"])
        }
    }

    /// The scripts grub-mkconfig concatenates into `/boot/grub/grub.cfg` that run without a kernel installed:
    /// the header (grub-common) and the iPXE entries (ipxe, when installed).
    static let mkconfigScripts = ["/etc/grub.d/00_header", "/etc/grub.d/20_ipxe"]

    @Test(
        "grub-mkconfig's header and iPXE scripts: read, edited, checked by grub-script-check",
        .enabled(if: Oracle.required || FileManager.default.fileExists(atPath: mkconfigScripts[0]), "needs grub-common"))
    func mkconfig() async throws {
        var text = ""
        for script in Self.mkconfigScripts where Oracle.required || FileManager.default.isExecutableFile(atPath: script) {
            let environment = [
                "pkgdatadir": "/usr/share/grub", "GRUB_DEFAULT": "0", "GRUB_TIMEOUT": "5", "GRUB_TIMEOUT_STYLE": "menu",
                "GRUB_DISTRIBUTOR": "Debian", "GRUB_DEVICE_BOOT": "/dev/sda1",
            ]
            text += "### BEGIN \(script) ###\n" + (try await Tool.run(script, environment: environment)).stdout + "### END ###\n"
        }
        var document = try GrubMenuDocument(text: text)
        #expect(document.render() == text)
        #expect(document.defaultValue == "0")
        #expect(document.timeoutValue == "5")
        try document.setTimeout(seconds: 9)
        try document.appendParameters(["console=ttyS0"])
        let changes = LineChanges(from: text, to: document.render())
        #expect(changes.removed.allSatisfy { $0.contains("set timeout=") || $0.contains("linux") })
        #expect(changes.inserted.filter { $0.contains("set timeout=9") }.count == 3)
        if let ipxe = document.items.first(where: { $0.kernel?.command == "linux16" }) {
            #expect(ipxe.title == "Network boot (iPXE)")
            #expect(ipxe.options == ["--users", "", "--class", "network"])
            #expect(ipxe.kernel?.parameters == ["console=ttyS0"])
            try document.setDefault(.title(ipxe.title))
            #expect(document.defaultEntry()?.kernel == "/boot/ipxe.lkrn")
        }
        #expect(document.render().contains("set default=\"${next_entry}\""))
        try await withTemporaryDirectory { directory in
            try FileTree.write(["grub.cfg": .text(document.render())], under: directory)
            try await Tool.run("grub-script-check", [directory + "/grub.cfg"])
        }
    }

    @Test("grub-script-check accepts every fixture, and rejects what the parser rejects")
    func scriptCheck() async throws {
        try await withTemporaryDirectory { directory in
            for (name, text) in GrubMenuDocumentTests.fixtures {
                try FileTree.write([name: .text(text)], under: directory)
                try await Tool.run("grub-script-check", [directory + "/" + name])
            }
            for bad in ["menuentry 'x {\n}\n", "menuentry x {\n linux /k\n"] {
                try FileTree.write(["bad": .text(bad)], under: directory)
                #expect(throws: BootConfigError.self) { try GrubMenuDocument(text: bad) }
                #expect(try await !Tool.runAllowingFailure("grub-script-check", [directory + "/bad"]).succeeded)
            }
        }
    }
}
