import BootConfig
import Foundation
import ISO9660
import LiveSystem
import Netboot
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

    @Test("bad input: .efi and unknown extensions, a script without #!ipxe, a URL with blanks, a bad address")
    func badInput() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image") { directory in
            let chain = NetbootImageScript.chain(url: "http://192.0.2.1/boot.ipxe")
            #expect(throws: NetbootError.self) {
                try NetbootImageFormat(outputPath: directory + "/ipxe.efi")
            }
            #expect(
                throws: NetbootError.unsupportedImageFormat(
                    path: directory + "/ipxe.tar", reason: "expected a name ending in .iso or .img")
            ) { try NetbootImageFormat(outputPath: directory + "/ipxe.tar") }
            #expect(try NetbootImageFormat(outputPath: "/a.b/IPXE.IMG") == .img)
            try FileTree.write(["plain.txt": .text("chain http://x/\n")], under: directory)
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
            await #expect(throws: NetbootError.self) {
                try await NetbootImageBuilder.build(NetbootImageOptions(script: chain, output: directory + "/ipxe.efi"))
            }
            #expect(try FileTree.list(directory) == ["plain.txt"])
        }
    }

    @Test("the image: El Torito BIOS, an MBR, iPXE and the script inside, read back by isokit and xorriso",
          .oracles("xorriso", "grub-mkimage"))
    func layout() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-image") { directory in
            let options = NetbootImageOptions(
                script: .chain(url: "http://10.0.2.2:8080/boot.ipxe"), network: Self.network,
                output: directory + "/ipxe.iso", sourceDateEpoch: 1_700_000_000)
            let report = try await NetbootImageBuilder.build(options)
            let iso = try ISOImage(path: report.output)
            let script = try iso.entry(at: "/ipxe/script.ipxe")
            #expect(script.size == Int64(report.script.utf8.count))
            #expect(try iso.entry(at: "/ipxe/ipxe.lkrn").size > 100_000)
            let torito = try await Tool.run("xorriso", ["-indev", report.output, "-report_el_torito", "plain"]).stdout
            #expect(torito.contains("El Torito boot img :   1  BIOS  y   none"), "\(torito)")
            let grub = try await Tool.run("xorriso", ["-osirrox", "on", "-indev", report.output, "-extract",
                                                      "/boot/grub/grub.cfg", directory + "/grub.cfg"])
            #expect(grub.succeeded)
            #expect(try String(contentsOfFile: directory + "/grub.cfg", encoding: .utf8).contains("initrd16 /ipxe/script.ipxe"))
        }
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
            let folder = try await NetbootBootTests.rescueFolder(in: directory)
            let accessLog = directory + "/access.log"
            let options = NetbootServerOptions(
                directory: folder, host: "127.0.0.1", port: 0, extraParameters: ["isokit.selftest"],
                menuTimeoutSeconds: 1, accessLog: true, accessLogPath: accessLog)
            try await NetbootServerTests.withServer(options: options) { port in

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
}
