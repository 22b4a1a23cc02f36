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
}
