import Foundation
import Testing
import TestSupport

@testable import QEMU

/// Boots real images under QEMU TCG. Serialized: two cores don't run several emulated machines well at once.
@Suite("ConsoleProbe", .serialized, .boots)
struct ConsoleProbeTests {
    static let limit = Duration.seconds(60)

    @Test("reads GRUB's banner from Debian's rescue CD under BIOS, and logs the raw console", .enabled(if: BootFixtures.rescueCDAvailable, "needs grub-rescue-pc"))
    func rescueCD() async throws {
        try await withTemporaryDirectory { directory in
            let log = directory + "/console.log"
            let image = try BootFixtures.privateRescueCD(in: directory)
            let profile = MachineProfile(firmware: .bios, media: [.cdrom(path: image)])
            let result = try await ConsoleProbe.run(profile, expect: "GNU GRUB  version", timeout: Self.limit, log: log)
            #expect(result.matched, "console: \(result.consoleTail)")
            #expect(result.outcome == .matched)
            #expect(result.consoleTail.contains("GNU GRUB  version"))
            #expect(!result.consoleTail.contains("\u{1B}"))
            let logged = String(decoding: try ContentCompare.contents(of: log), as: UTF8.self)
            #expect(logged.contains("SeaBIOS"))
            #expect(logged.contains("\u{1B}["), "the log keeps the raw escape sequences")
            #expect(BootFixtures.emulators(using: image).isEmpty)
        }
    }

    @Test(
        "boots a grub-mkrescue image as CD and as disk under BIOS and UEFI (an unsigned image: Secure Boot has its own tests)",
        .oracles("grub-mkrescue", "xorriso", "mformat"),
        arguments: [Firmware.bios, .uefi], [true, false])
    func markerImage(firmware: Firmware, asCD: Bool) async throws {
        try #require(firmware == .bios || BootFixtures.uefiAvailable, "OVMF is not installed")
        try await withTemporaryDirectory { directory in
            let image = try await BootFixtures.markerImage(in: directory)
            let medium = asCD ? BootMedium.cdrom(path: image) : .disk(path: image)
            let profile = MachineProfile(firmware: firmware, media: [medium])
            let result = try await ConsoleProbe.run(profile, expect: BootFixtures.marker, timeout: Self.limit)
            #expect(result.matched, "console: \(result.consoleTail)")
            #expect(BootFixtures.emulators(using: image).isEmpty)
        }
    }

    @Test("returns matched=false once the timeout passes without the marker", .enabled(if: BootFixtures.rescueCDAvailable, "needs grub-rescue-pc"))
    func timeout() async throws {
        try await withTemporaryDirectory { directory in
            let image = try BootFixtures.privateRescueCD(in: directory)
            let profile = MachineProfile(firmware: .bios, media: [.cdrom(path: image)])
            let result = try await ConsoleProbe.run(profile, expect: "NEVER-PRINTED", timeout: .seconds(5))
            #expect(!result.matched)
            #expect(result.outcome == .timedOut)
            #expect(result.elapsedSeconds >= 5)
            #expect(!result.consoleTail.isEmpty)
            #expect(BootFixtures.emulators(using: image).isEmpty)
        }
    }

    @Test("kills QEMU when the waiting task is cancelled", .enabled(if: BootFixtures.rescueCDAvailable, "needs grub-rescue-pc"))
    func cancellation() async throws {
        _ = try Emulator.locate()  // fail at once, not after the wait below, when QEMU is missing
        try await withTemporaryDirectory { directory in
            let image = try BootFixtures.privateRescueCD(in: directory)
            let profile = MachineProfile(firmware: .bios, media: [.cdrom(path: image)])
            let probe = Task { try await ConsoleProbe.run(profile, expect: "NEVER-PRINTED", timeout: Self.limit) }
            let started = ContinuousClock.now
            while BootFixtures.emulators(using: image).isEmpty, started.duration(to: .now) < .seconds(20) {
                try await Task.sleep(for: .milliseconds(50))
            }
            try #require(!BootFixtures.emulators(using: image).isEmpty, "QEMU never started")
            probe.cancel()
            await #expect(throws: CancellationError.self) { try await probe.value }
            #expect(BootFixtures.emulators(using: image).isEmpty)
        }
    }

    @Test("reports QEMU's own error when it fails before the marker")
    func emulatorFailure() async throws {
        let profile = MachineProfile(firmware: .bios, extraArguments: ["-no-such-option"])
        do {
            _ = try await ConsoleProbe.run(profile, expect: "x", timeout: Self.limit)
            Issue.record("expected QEMU to fail")
        } catch let QEMUError.emulatorFailed(status, standardError) {
            #expect(status == "exited(1)")
            #expect(standardError.contains("-no-such-option"))
        }
    }
}

@Suite("ConsoleProbe arguments")
struct ConsoleProbeArgumentTests {
    @Test("rejects an empty marker and a missing medium before starting QEMU")
    func rejectsBadInput() async throws {
        let profile = MachineProfile(firmware: .bios, media: [.cdrom(path: "/nonexistent/live.iso")])
        await #expect(throws: QEMUError.emptyMarker) {
            try await ConsoleProbe.run(profile, expect: "", timeout: .seconds(1))
        }
        await #expect(throws: QEMUError.fileNotFound(role: "boot medium", path: "/nonexistent/live.iso")) {
            try await ConsoleProbe.run(profile, expect: "x", timeout: .seconds(1))
        }
        let kernel = MachineProfile(firmware: .bios, kernel: "/nonexistent/vmlinuz")
        await #expect(throws: QEMUError.fileNotFound(role: "kernel", path: "/nonexistent/vmlinuz")) {
            try await ConsoleProbe.run(kernel, expect: "x", timeout: .seconds(1))
        }
    }
}
