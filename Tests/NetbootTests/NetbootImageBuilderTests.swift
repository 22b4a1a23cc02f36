import BootConfig
import Foundation
import ISO9660
import LiveSystem
@testable import Netboot
import QEMU
import TestSupport
import Testing

/// `netboot image`: the embedded script, the image's layout, bad input, and a static-network boot in QEMU.
@Suite("NetbootImageBuilder", .serialized)
struct NetbootImageBuilderTests {
    static let network = IPXEStaticNetwork(address: "10.0.2.15", netmask: "255.255.255.0", gateway: "10.0.2.2")

    @Test("--chain with a static network: the settings, route (prints the address in use), chain")
    func chainScript() throws {
        let options = NetbootImageOptions(
            script: .chain(url: "http://10.0.2.2:8080/boot.ipxe"), network: Self.network, output: "x.iso")
        #expect(try NetbootImageBuilder.script(options) == """
            #!ipxe
            # static network for hosts without DHCP
            set net0/ip 10.0.2.15
            set net0/netmask 255.255.255.0
            set net0/gateway 10.0.2.2
            ifopen net0
            route
            chain http://10.0.2.2:8080/boot.ipxe

            """)
        let dhcp = NetbootImageOptions(script: .chain(url: "http://10.0.2.2:8080/boot.ipxe"), output: "x.iso")
        #expect(try NetbootImageBuilder.script(dhcp) == "#!ipxe\ndhcp\nchain http://10.0.2.2:8080/boot.ipxe\n")
    }

    @Test("--script FILE is kept as given; a static network goes right after #!ipxe")
    func fileScript() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image") { directory in
            try FileTree.write(["boot.ipxe": .text("#!ipxe\necho hello\nshell")], under: directory)
            var options = NetbootImageOptions(script: .file(path: directory + "/boot.ipxe"), output: "x.iso")
            #expect(try NetbootImageBuilder.script(options) == "#!ipxe\necho hello\nshell\n")
            options.network = IPXEStaticNetwork(address: "192.0.2.10", netmask: "255.255.255.0")
            #expect(try NetbootImageBuilder.script(options) == """
                #!ipxe
                # static network for hosts without DHCP
                set net0/ip 192.0.2.10
                set net0/netmask 255.255.255.0
                ifopen net0
                route
                echo hello
                shell

                """)
        }
    }

    @Test("bad input: unknown extensions, .efi without a GRUB menu, a script without #!ipxe, a URL with blanks, a bad address")
    func badInput() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image") { directory in
            let chain = NetbootImageScript.chain(url: "http://192.0.2.1/boot.ipxe")
            #expect(
                throws: NetbootError.unsupportedImageFormat(
                    path: directory + "/ipxe.tar", reason: "expected a name ending in .iso, .img or .efi")
            ) { try NetbootImageFormat(outputPath: directory + "/ipxe.tar") }
            #expect(try NetbootImageFormat(outputPath: "/a.b/IPXE.IMG") == .img)
            #expect(try NetbootImageFormat(outputPath: "x.EFI") == .efi)
            try FileTree.write(["plain.txt": .text("chain http://x/\n"), "ok.ipxe": .text("#!ipxe\nshell\n")], under: directory)
            #expect(
                throws: NetbootError.invalidImageScript(
                    path: directory + "/plain.txt", reason: "does not start with #!ipxe (iPXE would not run it)")
            ) {
                try NetbootImageBuilder.script(NetbootImageOptions(script: .file(path: directory + "/plain.txt"), output: "x.iso"))
            }
            #expect(throws: NetbootError.self) {
                try NetbootImageBuilder.script(NetbootImageOptions(script: .chain(url: "http://x/a b"), output: "x.iso"))
            }
            #expect(throws: BootConfigError.invalidValue(field: "ip", value: "10.0.2.256", reason: "not a dotted IPv4 address")) {
                try NetbootImageBuilder.script(
                    NetbootImageOptions(
                        script: chain, network: IPXEStaticNetwork(address: "10.0.2.256", netmask: "255.255.255.0"),
                        output: "x.iso"))
            }
            for script in [NetbootImageScript.file(path: directory + "/ok.ipxe"), .chain(url: "https://192.0.2.1/boot.ipxe")] {
                await #expect(throws: NetbootError.self) {
                    try await NetbootImageBuilder.build(NetbootImageOptions(script: script, output: directory + "/ipxe.efi"))
                }
            }
            await #expect(throws: BootConfigError.self) {
                try await NetbootImageBuilder.build(
                    NetbootImageOptions(script: chain, output: directory + "/ipxe.efi", grubMenuURL: "https://x/boot.grub"))
            }
            #expect(try FileTree.list(directory).sorted() == ["ok.ipxe", "plain.txt"])
        }
    }

    @Test("a failing tool: toolFailed with the command, its exit status and standard error, or why it could not start")
    func toolFailed() async throws {
        await #expect(throws: NetbootError.toolFailed(command: "false --x", message: "exited(1): ")) {
            try await NetbootImageBuilder.run("false", ["--x"])
        }
        await #expect(throws: NetbootError.toolFailed(command: "sh -c echo no >&2; exit 3", message: "exited(3): no")) {
            try await NetbootImageBuilder.run("sh", ["-c", "echo no >&2; exit 3"])
        }
        let missing = await #expect(throws: NetbootError.self) { try await NetbootImageBuilder.run("isokit-no-such-tool", []) }
        guard case .toolFailed("isokit-no-such-tool", let message) = missing else {
            Issue.record("\(String(describing: missing))")
            return
        }
        #expect(message.hasPrefix("could not start: "), "\(message)")
    }

    @Test("grub-mkimage failing on a GRUB library without modules: toolFailed naming it, nothing written", .oracles("grub-mkimage"))
    func grubFailure() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image") { directory in
            try FileTree.write(["grub/i386-pc/boot_hybrid.img": .file([0]), "ipxe.lkrn": .file([0])], under: directory)
            let options = NetbootImageOptions(
                script: .chain(url: "http://192.0.2.1/boot.ipxe"), output: directory + "/ipxe.iso",
                ipxeKernel: directory + "/ipxe.lkrn", grubLibrary: directory + "/grub")
            let error = await #expect(throws: NetbootError.self) { try await NetbootImageBuilder.build(options) }
            guard case .toolFailed(let command, let message) = error else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(command.hasPrefix("grub-mkimage -d \(directory)/grub/i386-pc -O i386-pc-eltorito"), "\(command)")
            #expect(message.hasPrefix("exited(1): ") && message.contains("grub-mkimage: error: cannot open"), "\(message)")
            #expect(try FileTree.list(directory) == ["grub/", "grub/i386-pc/", "grub/i386-pc/boot_hybrid.img", "ipxe.lkrn"])
        }
    }

    @Test("the UEFI menu URL: given, or an http chain URL's NAME.ipxe as NAME.grub; none for other scripts")
    func uefiMenuURL() {
        func url(_ script: NetbootImageScript, _ given: String? = nil) -> String? {
            NetbootUEFILoader.menuURL(NetbootImageOptions(script: script, output: "x.iso", grubMenuURL: given))
        }
        #expect(url(.chain(url: "http://192.0.2.1:8080/boot.ipxe")) == "http://192.0.2.1:8080/boot.grub")
        #expect(url(.chain(url: "http://h/host/52:54:00:12:34:56.ipxe")) == "http://h/host/52:54:00:12:34:56.grub")
        #expect(url(.chain(url: "https://h/boot.ipxe")) == nil)
        #expect(url(.chain(url: "http://h/menu")) == nil)
        #expect(url(.file(path: "/x.ipxe")) == nil)
        #expect(url(.file(path: "/x.ipxe"), "http://h/m.grub") == "http://h/m.grub")
    }

    @Test("the image: El Torito BIOS and UEFI, an MBR, iPXE, the script and GRUB's network loader, read back by isokit, xorriso and mtools",
          .oracles("xorriso", "grub-mkimage", "mcopy"))
    func layout() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image") { directory in
            let options = NetbootImageOptions(
                script: .chain(url: "http://10.0.2.2:8080/boot.ipxe"), network: Self.network,
                output: directory + "/ipxe.iso", sourceDateEpoch: 1_700_000_000)
            let report = try await NetbootImageBuilder.build(options)
            #expect(report.uefiMenuURL == "http://10.0.2.2:8080/boot.grub")
            let iso = try ISOImage(path: report.output)
            let script = try iso.entry(at: "/ipxe/script.ipxe")
            #expect(script.size == Int64(report.script?.utf8.count ?? 0))
            #expect(try iso.entry(at: "/ipxe/ipxe.lkrn").size > 100_000)
            let torito = try await Tool.run("xorriso", ["-indev", report.output, "-report_el_torito", "plain"]).stdout
            #expect(torito.contains("El Torito boot img :   1  BIOS  y   none"), "\(torito)")
            #expect(torito.contains("El Torito boot img :   2  UEFI  y   none"), "\(torito)")
            for (inside, outside) in [("/boot/grub/grub.cfg", "grub.cfg"), ("/boot/grub/efi.img", "efi.img")] {
                let extracted = try await Tool.run(
                    "xorriso", ["-osirrox", "on", "-indev", report.output, "-extract", inside, directory + "/" + outside])
                #expect(extracted.succeeded)
            }
            #expect(try String(contentsOfFile: directory + "/grub.cfg", encoding: .utf8).contains("initrd16 /ipxe/script.ipxe"))
            let copied = try await Tool.run("mcopy", ["-i", directory + "/efi.img", "::/EFI/BOOT/BOOTX64.EFI", directory + "/BOOTX64.EFI"])
            #expect(copied.succeeded, "\(copied.stderr)")
            let loader = try ContentCompare.contents(of: directory + "/BOOTX64.EFI")
            #expect(loader.starts(with: Array("MZ".utf8)))
            let embedded = String(decoding: loader, as: UTF8.self)
            #expect(embedded.contains("net_add_addr isokit efinet0 10.0.2.15"), "the static address is embedded")
            #expect(embedded.contains("configfile '(http,10.0.2.2:8080)/boot.grub'"))

            let lone = try await NetbootImageBuilder.build(
                NetbootImageOptions(script: .chain(url: "http://10.0.2.2:8080/boot.ipxe"), output: directory + "/isokit.efi"))
            #expect(lone.script == nil && lone.format == .efi)
            let program = try ContentCompare.contents(of: lone.output)
            #expect(Int64(program.count) == lone.bytes && program.starts(with: Array("MZ".utf8)))
            #expect(String(decoding: program, as: UTF8.self).contains("net_bootp"))
        }
    }

    /// Runs `body` with `netboot serve` on a folder holding isokit's default image (selftest on, a 1 s menu, access
    /// log on), with the server's port and the access log's path.
    static func withServedRescue(in directory: String, _ body: @Sendable (Int, String) async throws -> Void) async throws {
        let folder = try await NetbootBootTests.rescueFolder(in: directory)
        let accessLog = directory + "/access.log"
        let options = NetbootServerOptions(
            directory: folder, host: "127.0.0.1", port: 0, extraParameters: ["isokit.selftest"],
            menuTimeoutSeconds: 1, accessLog: true, accessLogPath: accessLog)
        try await NetbootServerTests.withServer(options: options) { port in try await body(port, accessLog) }
    }

    /// The boot proof for one medium: QEMU's user network would hand out 10.0.2.100 by DHCP and boots nothing by
    /// itself; the image's static 10.0.2.15 (printed by `route`) reaches `netboot serve`, whose access log shows the
    /// chain, and the menu boots isokit's default image to its selftest.
    @Test(
        "the image with a static IP and an embedded chain boots in QEMU and reaches netboot serve (CD and disk)",
        .boots,
        .enabled(
            if: Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent").locate()) != nil,
            "needs a kernel in isokit's cache (scripts/setup)"),
        arguments: ["iso", "img"])
    func bootsWithStaticNetwork(format: String) async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image-boot") { directory in
            try await Self.withServedRescue(in: directory) { port, accessLog in
                let image = try await NetbootImageBuilder.build(
                    NetbootImageOptions(
                        script: .chain(url: "http://10.0.2.2:\(port)/boot.ipxe"), network: Self.network,
                        output: directory + "/ipxe." + format, sourceDateEpoch: 1_700_000_000))
                let medium: BootMedium = format == "iso" ? .cdrom(path: image.output) : .disk(path: image.output)
                let profile = MachineProfile(
                    firmware: .bios, media: [medium], memoryMiB: 1024,
                    extraArguments: ["-netdev", "user,id=n0,dhcpstart=10.0.2.100", "-device", "virtio-net-pci,netdev=n0"])
                let log = directory + "/console.log"
                let result = try await ConsoleProbe.run(profile, expect: "isokit selftest ok", timeout: .seconds(150), log: log)
                let console = (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
                #expect(result.matched, "no selftest marker; console: \(console.suffix(3000))")
                #expect(console.contains("net0: 10.0.2.15/255.255.255.0 gw 10.0.2.2"), "iPXE used the static address")
                #expect(!console.contains("net0: 10.0.2.100"), "iPXE did not ask DHCP")
                let requests = (try? String(contentsOfFile: accessLog, encoding: .utf8)) ?? ""
                #expect(requests.contains("GET /boot.ipxe 200 "), "the chain reached the server: \(requests)")
                print("netboot image (\(format)) selftest: \(result.elapsedSeconds) s")
            }
        }
    }

    /// The UEFI boot proof: OVMF starts GRUB's network loader from the CD's EFI system partition; it sets the static
    /// 10.0.2.15 on the firmware's card (QEMU's DHCP would hand out .100), fetches `/boot.grub` from `netboot serve`
    /// and boots isokit's default image from it, kernel and initrd over GRUB's HTTP, to its selftest.
    @Test(
        "the image with a static IP boots on UEFI through GRUB's network loader and serve's /boot.grub",
        .boots,
        .enabled(
            if: Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent").locate()) != nil,
            "needs a kernel in isokit's cache (scripts/setup)"))
    func bootsOnUEFIWithStaticNetwork() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image-uefi") { directory in
            try await Self.withServedRescue(in: directory) { port, accessLog in
                let image = try await NetbootImageBuilder.build(
                    NetbootImageOptions(
                        script: .chain(url: "http://10.0.2.2:\(port)/boot.ipxe"), network: Self.network,
                        output: directory + "/netboot.iso", sourceDateEpoch: 1_700_000_000))
                let profile = MachineProfile(
                    firmware: .uefi, media: [.cdrom(path: image.output)], memoryMiB: 1024,
                    extraArguments: [
                        "-netdev", "user,id=n0,dhcpstart=10.0.2.100", "-device", "virtio-net-pci,netdev=n0,romfile=",
                    ])
                let log = directory + "/console.log"
                let result = try await ConsoleProbe.run(profile, expect: "isokit selftest ok", timeout: .seconds(240), log: log)
                let console = (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
                #expect(result.matched, "no selftest marker; console: \(console.suffix(3000))")
                #expect(console.contains("isokit netboot: 10.0.2.15/24 on efinet0"), "GRUB used the static address")
                let requests = (try? String(contentsOfFile: accessLog, encoding: .utf8)) ?? ""
                #expect(requests.contains("GET /boot.grub 200 "), "GRUB fetched the menu: \(requests)")
                #expect(requests.contains("GET /iso/rescue/boot/x86_64/vmlinuz 200 "), "GRUB fetched the kernel: \(requests)")
                print("netboot image (UEFI) selftest: \(result.elapsedSeconds) s")
            }
        }
    }
}
