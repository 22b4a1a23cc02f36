import Foundation
import LiveSystem
import QEMU
import TestSupport
import Testing

@Suite(
    "aarch64 Secure Boot boot", .serialized, .boots,
    .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): AAVMF with Secure Boot under TCG takes minutes"),
    .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"),
    .oracles("qemu-system-aarch64"))
struct AArch64SecureBootBootTests {
    /// The longest an aarch64 boot may take: TCG emulates every Cortex-A57 instruction.
    static let limit = Duration.seconds(600)

    /// Builds the aarch64 rescue default with Secure Boot and the selftest; `loglevel=7` undoes `quiet` so the
    /// kernel's `secureboot: Secure boot enabled` line reaches the console.
    static func build(in directory: String) async throws -> String {
        try #require(
            Oracle.required || (try? OVMFFirmware.locate(in: OVMFFirmware.aavmfSecureBootLocations)) != nil,
            "no AAVMF with Microsoft's keys")
        var options = LiveFixture.aarch64Options(.rescue, in: directory)
        options.secureBoot = SecureBootOptions()
        options.cmdlineExtra = ["isokit.selftest", "loglevel=7"]
        let report = try await LiveBuilder.build(options)
        #expect(report.kernel.release.hasSuffix("-arm64"), "\(report.kernel.release)")
        return report.output
    }

    /// An aarch64 machine with AAVMF, Microsoft's keys enrolled and Secure Boot on, with `medium`.
    static func profile(_ medium: BootMedium) -> MachineProfile {
        var profile = MachineProfile(firmware: .uefiSecureBoot, media: [medium], memoryMiB: 1024)
        profile.architecture = .aarch64
        return profile
    }

    @Test("slow: AAVMF with Secure Boot on and Microsoft's keys boots the aarch64 image, as a CD and as a disk, to the selftest")
    func boots() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64-secureboot-boot") { directory in
            let image = try await Self.build(in: directory)
            for (name, medium) in [("CD", BootMedium.cdrom(path: image)), ("disk", .disk(path: image))] {
                let log = "\(directory)/secure-\(name).log"
                let result = try await ConsoleProbe.run(
                    Self.profile(medium), expect: .text("isokit selftest ok"), timeout: Self.limit, log: log)
                #expect(result.matched, "\(name): no selftest in \(result.elapsedSeconds) s; console: \(result.consoleTail)")
                print("aarch64 Secure Boot \(name) boot: isokit selftest ok after \(result.elapsedSeconds) s")
                let console = try String(contentsOfFile: log, encoding: .utf8)
                // Debian's arm64 kernel says so as its x86-64 one does, and locks itself down.
                #expect(console.contains("secureboot: Secure boot enabled"), "\(name): Secure Boot was not on")
                #expect(console.contains("Kernel is locked down from EFI Secure Boot"), "\(name)")
                // shim ran: it hands its MOK list (with Debian's CA) to the kernel in the MOKvar table.
                #expect(console.contains("MOKvar="), "\(name): no MOKvar table: shim did not start GRUB")
            }
        }
    }

    @Test("slow: the same aarch64 image with the kernel's signature stripped is refused, and the selftest never runs")
    func strippedKernelRefused() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64-secureboot-boot") { directory in
            let image = try await Self.build(in: directory)
            let stripped = try SecureBootBootTests.strippingKernelSignature(
                of: image, kernel: "/boot/aarch64/vmlinuz", in: directory)
            let log = directory + "/stripped.log"
            let result = try await ConsoleProbe.run(
                Self.profile(.cdrom(path: stripped)), expect: SecureBootBootTests.refusal, timeout: Self.limit, log: log)
            #expect(result.matched, "no refusal in \(result.elapsedSeconds) s; console: \(result.consoleTail)")
            print("aarch64 Secure Boot, stripped kernel: refused after \(result.elapsedSeconds) s")
            let console = try String(contentsOfFile: log, encoding: .utf8)
            #expect(!console.contains("isokit selftest ok"))
            #expect(!console.contains("Linux version"), "the unsigned kernel started")
        }
    }
}
