import Foundation
import LiveSystem
import QEMU
import TestSupport
import Testing

@Suite(
    "Live aarch64 boot", .serialized, .boots,
    .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1)"),
    .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"),
    .oracles("qemu-system-aarch64"))
struct LiveAArch64BootTests {
    /// The longest an aarch64 boot may take: TCG emulates every Cortex-A57 instruction.
    static let limit = Duration.seconds(600)

    /// Boots `image` on QEMU's aarch64 `virt` machine with AAVMF and returns the console once `marker` appears;
    /// records an issue (with the time taken) if it does not.
    @discardableResult
    static func boot(_ image: String, asCD: Bool, expect marker: String, log: String) async throws -> ProbeResult {
        var profile = MachineProfile(
            firmware: .uefi, media: [asCD ? .cdrom(path: image) : .disk(path: image)], memoryMiB: 1024)
        profile.architecture = .aarch64
        let result = try await ConsoleProbe.run(profile, expect: .text(marker), timeout: limit, log: log)
        #expect(result.matched, "aarch64 \(asCD ? "CD" : "disk"): no \(marker) in \(result.elapsedSeconds) s; console: \(result.consoleTail)")
        return result
    }

    @Test("AAVMF boots the aarch64 rescue default to `isokit selftest ok`, as a CD and as a disk")
    func rescueSelftest() async throws {
        try #require(Oracle.required || (try? OVMFFirmware.locate(in: OVMFFirmware.aavmfLocations)) != nil, "AAVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-aarch64-boot") { directory in
            var options = LiveFixture.aarch64Options(.rescue, in: directory)
            options.cmdlineExtra = ["isokit.selftest"]
            let image = try await LiveBuilder.build(options).output
            for asCD in [true, false] {
                let result = try await Self.boot(
                    image, asCD: asCD, expect: "isokit selftest ok", log: "\(directory)/\(asCD ? "cd" : "disk").log")
                print("aarch64 \(asCD ? "CD" : "disk") boot: isokit selftest ok after \(result.elapsedSeconds) s")
            }
        }
    }

    @Test(
        "the aarch64 rescue default has its tools from arm64 packages: an SSH password login runs them",
        .oracles("ssh", "sshpass"))
    func rescueTools() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64-tools") { directory in
            let password = "Rescue-\(UInt32.random(in: 100_000...999_999))"
            var options = LiveFixture.aarch64Options(.rescue, in: directory)
            options.cmdlineExtra = ["isokit.rootpass=\(password)"]
            let report = try await LiveBuilder.build(options)
            #expect(report.layers.count == 1)
            let port = try RemoteRescueBootTests.freePort()
            var profile = MachineProfile(
                firmware: .uefi, media: [.cdrom(path: report.output)], memoryMiB: 1024,
                extraArguments: ["-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:\(port)-:22", "-device", "virtio-net-pci,netdev=n0"])
            profile.architecture = .aarch64
            _ = try await RemoteRescueBootTests.whileBooted(profile, timeout: Self.limit, log: directory + "/console.log") {
                let known = directory + "/known_hosts"
                var result = try await RemoteRescueBootTests.ssh(
                    port, password: password, knownHosts: known, "uname -m; " + RemoteRescueBootTests.toolCheck)
                for _ in 0..<5 where result.status == 255 && !result.stderr.contains("Permission denied") {
                    try await Task.sleep(for: .seconds(3))
                    result = try await RemoteRescueBootTests.ssh(
                        port, password: password, knownHosts: known, "uname -m; " + RemoteRescueBootTests.toolCheck)
                }
                #expect(result.stdout.hasPrefix("aarch64\n"), "\(result.stdout) \(result.stderr)")
                #expect(result.stdout.contains("tools-ok"), "\(result.stdout) \(result.stderr)")
            }
        }
    }
}
