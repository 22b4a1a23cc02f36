import Foundation
import LiveSystem
import QEMU
import TestSupport
import Testing

@Suite(
    "Live multi-architecture boot", .serialized, .boots,
    .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1)"),
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
    .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"),
    .oracles("qemu-system-aarch64", "qemu-system-x86_64"))
struct LiveMultiArchBootTests {
    @Test("the x86_64,aarch64 image boots to `isokit selftest ok` on aarch64 UEFI, x86_64 BIOS and x86_64 UEFI")
    func selftest() async throws {
        try #require(Oracle.required || (try? OVMFFirmware.locate()) != nil, "OVMF is not installed")
        try #require(Oracle.required || (try? OVMFFirmware.locate(in: OVMFFirmware.aavmfLocations)) != nil, "AAVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-multiarch-boot") { directory in
            var options = LiveFixture.options(.rescue, in: directory)
            options.architectures = [.x86_64, .aarch64]
            options.cmdlineExtra = ["isokit.selftest"]
            let image = try await LiveBuilder.build(options).output
            let machines: [(String, MachineArchitecture, Firmware, Duration)] = [
                ("aarch64-uefi", .aarch64, .uefi, .seconds(600)), ("x86_64-bios", .x86_64, .bios, .seconds(90)),
                ("x86_64-uefi", .x86_64, .uefi, .seconds(90)),
            ]
            for (name, architecture, firmware, limit) in machines {
                var profile = MachineProfile(firmware: firmware, media: [.cdrom(path: image)], memoryMiB: 1024)
                profile.architecture = architecture
                let result = try await ConsoleProbe.run(
                    profile, expect: .text("isokit selftest ok"), timeout: limit, log: "\(directory)/\(name).log")
                #expect(result.matched, "\(name): no selftest in \(result.elapsedSeconds) s; console: \(result.consoleTail)")
                print("\(name) boot of the multi-architecture image: isokit selftest ok after \(result.elapsedSeconds) s")
            }
        }
    }
}
