import Foundation
import Testing
import TestSupport

/// `isokit xen guest` and `isokit xen menu-lst` end to end: dry run, files written, exit codes for bad input.
@Suite("isokit xen")
struct XenCommandTests {
    /// A Debian live-style tree: GRUB menu, kernel, initrd and root image stand-ins.
    static let liveTree: [String: FileTree.Node] = [
        "boot/grub/grub.cfg": .text("""
            menuentry "Live system (amd64)" {
            \tlinux\t/live/vmlinuz boot=live components quiet splash
            \tinitrd\t/live/initrd.img
            }
            menuentry "No initrd" {
            \tlinux\t/live/vmlinuz boot=live
            }

            """),
        "live/vmlinuz": .text("kernel\n"),
        "live/initrd.img": .text("initrd\n"),
        "live/filesystem.squashfs": .text("root\n"),
    ]

    /// A fixture with `debian.iso` made from ``liveTree`` (and `tree/`, `live.iso` from ``CLIFixture``).
    static func fixture(tree: [String: FileTree.Node] = liveTree) async throws -> CLIFixture {
        let fixture = try await CLIFixture(makeImage: false)
        try FileTree.write(tree, under: fixture.path("debian"), modificationTime: 1_700_000_000)
        try await fixture.expectSuccess(["create", "debian", "-o", "debian.iso", "-r", "-q"])
        return fixture
    }

    @Test("--dry-run prints kernel, ramdisk, memory, IPs, block devices and cmdline, and writes nothing")
    func dryRun() async throws {
        let fixture = try await Self.fixture()
        let before = try fixture.topLevel()
        let result = try await fixture.expectSuccess([
            "xen", "guest", "debian.iso", "-o", "guests", "--dry-run", "--count", "2", "--ip-start", "10.0.0.10",
            "--memory", "512", "--vif", "bridge=${br}", "-D", "br=xenbr0", "--disk", "format=raw, vdev=xvda, target=/srv/${index}.img",
        ])
        #expect(try fixture.topLevel() == before)
        try Golden.check(result.stdout.replacingOccurrences(of: fixture.path(""), with: "/SCRATCH/"), against: "xen-guest-dry-run.txt")
    }

    @Test("writes kernel, initrd and NAME.cfg; says Xen is not running")
    func write() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.expectSuccess(["xen", "guest", "debian.iso", "-o", "guests", "--name", "live", "--type", "pvh"])
        #expect(result.stdout == ["debian.vmlinuz", "debian.initrd", "live.cfg"].map { fixture.path("guests/" + $0) + "\n" }.joined())
        #expect(result.stderr.contains("Xen is not running here"))
        let config = try String(contentsOfFile: fixture.path("guests/live.cfg"), encoding: .utf8)
        #expect(config.contains("type = 'pvh'\n"))
        #expect(config.contains("cmdline = 'boot=live components quiet live-media=/dev/xvdc console=hvc0'\n"))
        #expect(try String(contentsOfFile: fixture.path("guests/debian.initrd"), encoding: .utf8) == "initrd\n")
    }

    @Test("--json reports every guest")
    func json() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.expectSuccess(["xen", "guest", "debian.iso", "-o", "g", "--dry-run", "--json", "--count", "3"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutputBytes)) as? [String: Any])
        let guests = try #require(object["guests"] as? [[String: Any]])
        #expect(guests.compactMap { $0["name"] as? String } == ["debian-1", "debian-2", "debian-3"])
        #expect(object["family"] as? String == "debian-live")
    }

    @Test("bad input and conflicting options exit non-zero with one clear line", arguments: [
        (["--entry", "1"], 65, "isokit: entry \"No initrd\" in /boot/grub/grub.cfg loads no initrd; a live system needs one to find its medium\n"),
        (["--entry", "5"], 64, "isokit: no boot entry #5; the menu has: 0 Live system (amd64), 1 No initrd\n"),
        (["--vif", "bridge=${br}"], 64, "isokit: --vif: ${br} is not defined (use -D br=… or --defaults)\n"),
        (["-D", "nonsense"], 64, "isokit: variable nonsense: expected key=value\n"),
        (["--defaults", "missing.toml"], 66, nil),
        (["--gateway", "10.0.0.1"], 64, nil),
        (["--extra", "console=ttyS0"], 64, nil),
        (["--count", "0"], 64, nil),
        (["--ip-start", "10.0.0.300"], 64, nil),
        (["--type", "hvm"], 64, nil),
    ] as [([String], Int32, String?)])
    func badOptions(extra: [String], status: Int32, message: String?) async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.run(["xen", "guest", "debian.iso", "-o", "g"] + extra)
        #expect(result.status == status, "\(result.stderr)")
        if let message { #expect(result.stderr == message) }
        #expect(!FileManager.default.fileExists(atPath: fixture.path("g")))
    }

    @Test("an ISO without boot menus exits 65 and lists where it looked")
    func noBootEntry() async throws {
        let fixture = try await Self.fixture(tree: Self.liveTree.filter { $0.key != "boot/grub/grub.cfg" })
        let result = try await fixture.run(["xen", "guest", "debian.iso", "-o", "g"])
        #expect(result.status == 65)
        #expect(result.stderr == "isokit: debian.iso: no boot menu entry loads a Linux kernel (menus read: none found)\n")
    }

    @Test("menu-lst writes menu.lst and device.map and prints the xl.cfg lines; no kernels exits 66")
    func menuList() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        try FileTree.write(["boot/vmlinuz-6.1.0-18-amd64": .text("k"), "boot/initrd.img-6.1.0-18-amd64": .text("i")], under: fixture.path(""))
        let result = try await fixture.expectSuccess(["xen", "menu-lst", "boot", "--root-device", "/dev/xvda1"])
        #expect(result.stdout == "kernel = '/usr/lib/xen/boot/pv-grub-x86_64.gz'\nextra = '(hd0,0)/boot/grub/menu.lst'\n")
        #expect(FileManager.default.fileExists(atPath: fixture.path("boot/grub/menu.lst")))
        #expect(try String(contentsOfFile: fixture.path("boot/grub/device.map"), encoding: .utf8) == "(hd0)\t/dev/xvda\n")
        let empty = try await fixture.run(["xen", "menu-lst", "tree"])
        #expect(empty.status == 66)
        #expect(empty.stderr == "isokit: tree: no vmlinuz-VERSION with a matching initrd.img-VERSION\n")
    }

    @Test("--defaults supplies variables; -D overrides them")
    func defaultsFile() async throws {
        let fixture = try await Self.fixture()
        try FileTree.write(["vars.toml": .text("bridge = \"xenbr1\"\nhost = \"web\"\n")], under: fixture.path(""))
        let result = try await fixture.expectSuccess([
            "xen", "guest", "debian.iso", "-o", "g", "--dry-run", "--defaults", "vars.toml", "-D", "bridge=xenbr2",
            "--vif", "bridge=${bridge}", "--name", "${host}", "--extra", "hostname=${host}",
        ])
        #expect(result.stdout.contains("guest web (pv): "))
        #expect(result.stdout.contains("  vif:     bridge=xenbr2\n"))
        #expect(result.stdout.contains(" console=hvc0 hostname=web\n"))
    }
}
