import BootConfig
import Testing

@Suite("PV-GRUB menu.lst")
struct PVGrubMenuTests {
    static let menu = PVGrubMenu(defaultIndex: 0, timeoutSeconds: 5, entries: [
        PVGrubMenuEntry(title: "Debian 6.1", root: "(hd0,0)", kernel: "/boot/vmlinuz-6.1", parameters: ["root=/dev/xvda1", "ro"],
                        initrd: "/boot/initrd.img-6.1"),
        PVGrubMenuEntry(title: "no initrd", root: "(hd0)", kernel: "/vmlinuz", parameters: [], initrd: nil),
    ])

    @Test("renders title/root/kernel/initrd blocks and reads them back")
    func roundTrip() throws {
        let text = Self.menu.render()
        #expect(text == """
            default 0
            timeout 5

            title Debian 6.1
            \troot (hd0,0)
            \tkernel /boot/vmlinuz-6.1 root=/dev/xvda1 ro
            \tinitrd /boot/initrd.img-6.1

            title no initrd
            \troot (hd0)
            \tkernel /vmlinuz

            """)
        #expect(try PVGrubMenu(text: text) == Self.menu)
    }

    @Test("reads a hand-written Debian menu.lst with comments, hiddenmenu and default=")
    func debianStyle() throws {
        let menu = try PVGrubMenu(text: """
            # menu.lst - See: grub(8), info grub, update-grub(8)
            default=1
            timeout 3
            hiddenmenu
            ## ## End Default Options ##
            title\t\tDebian GNU/Linux, kernel 6.1.0-18-amd64
            root\t\t(hd0,0)
            kernel\t\t/boot/vmlinuz-6.1.0-18-amd64 root=/dev/xvda1 ro console=hvc0
            initrd\t\t/boot/initrd.img-6.1.0-18-amd64
            savedefault
            boot
            """)
        #expect(menu.defaultIndex == 1)
        #expect(menu.timeoutSeconds == 3)
        #expect(menu.entries.map(\.kernel) == ["/boot/vmlinuz-6.1.0-18-amd64"])
        #expect(menu.entries.first?.parameters == ["root=/dev/xvda1", "ro", "console=hvc0"])
    }

    @Test("errors name the line", arguments: [
        ("kernel /vmlinuz\n", XenConfigError.commandOutsideEntry(command: "kernel", line: 1)),
        ("title a\n  root (hd0)\n  chainloader +1\n", .unknownMenuCommand(command: "chainloader", line: 3)),
        ("timeout soon\n", .invalidValue(key: "timeout", value: "soon", reason: "must be a number (line 1)")),
        ("\ntitle a\n  root (hd0)\n", .invalidValue(key: "title", value: "a", reason: "entry at line 2 has no kernel")),
    ])
    func errors(text: String, error: XenConfigError) {
        #expect(throws: error) { try PVGrubMenu(text: text) }
    }

    @Test("device.map lines")
    func deviceMap() {
        #expect(GrubDeviceMap(mappings: [.init(drive: "(hd0)", device: "/dev/xvda")]).render() == "(hd0)\t/dev/xvda\n")
    }
}

@Suite("PV-GRUB menu.lst automagic list")
struct PVGrubMenuAutomagicTests {
    @Test("kopt and groot comments render around the entries and read back")
    func automagic() throws {
        var menu = PVGrubMenuTests.menu
        menu.kernelOptions = "root=/dev/xvda1 ro console=hvc0"
        menu.grubRoot = "(hd0,0)"
        let text = menu.render()
        #expect(text.contains("### BEGIN AUTOMAGIC KERNELS LIST\n"))
        #expect(text.contains("# kopt=root=/dev/xvda1 ro console=hvc0\n# groot=(hd0,0)\n## ## End Default Options ##\n"))
        #expect(text.hasSuffix("\n### END DEBIAN AUTOMAGIC KERNELS LIST\n"))
        #expect(try PVGrubMenu(text: text) == menu)
    }
}
