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
}
