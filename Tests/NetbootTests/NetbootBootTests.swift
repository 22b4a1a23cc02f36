import Foundation
import LiveSystem
import Netboot
import QEMU
import TestSupport
import Testing

/// The CI-tier proof: QEMU's own iPXE ROM netboots isokit's default image from `netboot serve`.
@Suite(
    "Netboot boot", .serialized, .boots,
    .enabled(
        if: Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent").locate()) != nil,
        "needs a kernel in isokit's cache (scripts/setup)"))
struct NetbootBootTests {
    /// `directory/isos` holding isokit's default image as `rescue.iso` (menu timeout 0, fixed epoch).
    static func rescueFolder(in directory: String) async throws -> String {
        let folder = directory + "/isos"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var build = LiveBuildOptions(root: .rescue, output: folder + "/rescue.iso")
        build.hostRoot = directory + "/no-host-kernel"
        build.sourceDateEpoch = 1_700_000_000
        build.menuTimeout = 0
        build.volumeID = "ISOKIT_TEST"
        _ = try await LiveBuilder.build(build)
        return folder
    }

    /// A BIOS machine whose virtio NIC's iPXE ROM boots `bootfile` over QEMU's user network.
    static func netbootMachine(bootfile: String) -> MachineProfile {
        MachineProfile(
            firmware: .bios, memoryMiB: 1024,
            extraArguments: [
                "-netdev", "user,id=n0,bootfile=\(bootfile)", "-device", "virtio-net-pci,netdev=n0", "-boot", "n",
            ])
    }

    @Test("iPXE fetches the menu, the kernel and initrd from inside the ISO; the init fetches the layers over HTTP")
    func selftestOverHTTP() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-boot") { directory in
            let folder = try await Self.rescueFolder(in: directory)
            let options = NetbootServerOptions(
                directory: folder, host: "127.0.0.1", port: 0, extraParameters: ["isokit.selftest"],
                menuTimeoutSeconds: 1, accessLog: true)
            try await NetbootServerTests.withServer(options: options) { port in
                let profile = Self.netbootMachine(bootfile: "http://10.0.2.2:\(port)/boot.ipxe")
                let log = directory + "/console.log"
                let result = try await ConsoleProbe.run(profile, expect: "isokit selftest ok", timeout: .seconds(120), log: log)
                let console = (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
                #expect(result.matched, "no selftest marker; console: \(console.suffix(3000))")
                #expect(console.contains("/iso/rescue/boot/"), "the kernel came from inside the ISO")
                #expect(console.contains("isokit.fetch: DHCP"), "the init fetched the layers over HTTP")
                print("netboot selftest: \(result.elapsedSeconds) s")
            }
        }
    }

    @Test("the site from netboot export, served by nginx, boots the same way; nginx logs the menu, kernel and layers")
    func exportedSiteThroughNginx() async throws {
        try #require(Oracle.available("nginx"), "needs nginx (scripts/setup installs nginx-light)")
        try await withTemporaryDirectory(prefix: "isokit-netboot-nginx") { directory in
            let folder = try await Self.rescueFolder(in: directory)
            let port = try NginxServer.freePort()
            let options = NetbootServerOptions(
                directory: folder, extraParameters: ["isokit.selftest"], menuTimeoutSeconds: 1)
            let written = try NetbootExporter.export(
                directory: folder, to: directory + "/site", baseURL: "http://10.0.2.2:\(port)/", options: options)
            #expect(written.contains("/iso/rescue/live/layers.list"))
            try await NginxServer.serving(directory + "/site", port: port, prefix: directory + "/nginx") { nginx in
                let log = directory + "/console.log"
                let result = try await ConsoleProbe.run(
                    Self.netbootMachine(bootfile: "http://10.0.2.2:\(port)/boot.ipxe"), expect: "isokit selftest ok",
                    timeout: .seconds(120), log: log)
                let console = (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
                #expect(result.matched, "no selftest marker; console: \(console.suffix(3000))")
                let requests = nginx.accessLogLines()
                for path in ["/boot.ipxe", "/iso/rescue/boot/x86_64/vmlinuz", "/iso/rescue/live/layers.list"] {
                    #expect(
                        requests.contains { $0.contains("\"GET \(path) HTTP/1.") && $0.contains("\" 200 ") },
                        "nginx log has no 200 for \(path): \(requests.joined(separator: "\n"))")
                }
                print("netboot selftest through nginx: \(result.elapsedSeconds) s")
            }
        }
    }

    /// Whether the memdisk boot can run: the generic kernel (the cloud one has no MTD) in isokit's cache, syslinux's
    /// memdisk and memdiskfind on the host, or oracles are required (so their absence fails).
    static var memdiskAvailable: Bool {
        Oracle.required
            || ((try? KernelLocator(hostRoot: "/nonexistent", cacheFlavour: .generic).locate()) != nil
                && NetbootCatalogOptions.installedMemdisk != nil
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/memdiskfind"))
    }

    @Test(
        "memdisk: iPXE loads syslinux's memdisk and a generic-kernel isokit image from serve; the init finds the image in RAM (memdiskfind, phram) and boots it",
        .enabled(if: Self.memdiskAvailable, "needs the generic kernel in isokit's cache, syslinux's memdisk and memdiskfind (scripts/setup)"))
    func memdiskBoot() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-memdisk") { directory in
            let folder = directory + "/isos"
            let tftp = directory + "/tftp"
            for path in [folder, tftp] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            let kernel = try KernelLocator(hostRoot: "/nonexistent", cacheFlavour: .generic).locate()
            var build = LiveBuildOptions(root: .rescue, output: folder + "/generic.iso")
            build.hostRoot = directory + "/no-host-kernel"
            build.kernel = kernel.image
            build.modules = kernel.modulesDirectory
            build.sourceDateEpoch = 1_700_000_000
            build.menuTimeout = 0
            build.volumeID = "ISOKIT_MEMDISK"
            build.cmdlineExtra = ["isokit.selftest"]
            _ = try await LiveBuilder.build(build)
            let accessLog = directory + "/access.log"
            let options = NetbootServerOptions(
                directory: folder, host: "127.0.0.1", port: 0, accessLog: true,
                catalog: NetbootCatalogOptions(memdiskPath: NetbootCatalogOptions.installedMemdisk), accessLogPath: accessLog)
            try await NetbootServerTests.withServer(options: options) { port in
                // QEMU's DHCP hands iPXE this script over TFTP: memdisk and the whole ISO, both from serve.
                let script = """
                    #!ipxe
                    kernel http://10.0.2.2:\(port)/memdisk iso raw
                    initrd http://10.0.2.2:\(port)/iso/generic.iso
                    boot

                    """
                try script.write(toFile: tftp + "/memdisk.ipxe", atomically: true, encoding: .utf8)
                let profile = MachineProfile(
                    firmware: .bios, memoryMiB: 1024,
                    extraArguments: [
                        "-netdev", "user,id=n0,tftp=\(tftp),bootfile=memdisk.ipxe", "-device", "virtio-net-pci,netdev=n0",
                        "-boot", "n",
                    ])
                let log = directory + "/console.log"
                let result = try await ConsoleProbe.run(profile, expect: "isokit selftest ok", timeout: .seconds(180), log: log)
                let console = (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
                #expect(result.matched, "no selftest marker; console: \(console.suffix(3000))")
                #expect(console.contains("isokit: memdisk: image in RAM at "), "memdiskfind found the image")
                #expect(console.contains("isokit: medium: /dev/mtdblock0"), "the medium is phram's block device")
                let requests = (try? String(contentsOfFile: accessLog, encoding: .utf8)) ?? ""
                for line in ["GET /memdisk 200 ", "GET /iso/generic.iso 200 "] {
                    #expect(requests.contains(line), "serve's log has no \(line): \(requests)")
                }
                print("memdisk selftest: \(result.elapsedSeconds) s")
            }
        }
    }
}
