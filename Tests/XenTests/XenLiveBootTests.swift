import Foundation
import ISO9660
import LiveSystem
import QEMU
import TestSupport
import Testing
import Xen

/// Slow tier: the Xen live CD boots under QEMU TCG as a CD: SeaBIOS or OVMF → GRUB → Xen 4.17 (multiboot2) → the
/// rescue default as dom0 on Debian's generic kernel → `isokit selftest ok` on dom0's console (hvc0, which Xen
/// copies to COM1); and dom0 runs `xl create` for a guest. Xen needs SVM in the virtual CPU under TCG
/// (`-cpu qemu64,+svm`).
@Suite(
    "Xen live CD boot", .serialized, .boots,
    .enabled(if: XenLiveFixture.dom0KernelAvailable, "needs the generic kernel in isokit's cache (scripts/setup)"))
struct XenLiveBootTests {
    /// How long a boot to dom0's selftest may take: about 2 minutes on 2 cores shared with a load of 8–9.
    static let limit = Duration.seconds(600)
    /// How long the boot to the guest's marker may take: 4–5 minutes on the same machine, most of it the guest's
    /// PV boot (Xen under TCG runs its guests' page-table updates through the hypervisor).
    static let guestLimit = Duration.seconds(900)

    /// The machine: the image as an IDE CD, 2 GiB (dom0 gets 1 GiB), one CPU with SVM.
    static func profile(_ image: String, firmware: Firmware = .bios) -> MachineProfile {
        MachineProfile(
            firmware: firmware, media: [.cdrom(path: image)], memoryMiB: 2048, extraArguments: ["-cpu", "qemu64,+svm"])
    }

    @Test(
        "slow: CD → GRUB → Xen (multiboot2) → dom0 (the rescue default) → `isokit selftest ok`, on BIOS and UEFI",
        .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): Xen under TCG"),
        arguments: [Firmware.bios, .uefi])
    func dom0Selftest(firmware: Firmware) async throws {
        try #require(firmware == .bios || Oracle.required || (try? OVMFFirmware.locate()) != nil, "OVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-xen-boot") { directory in
            var options = XenLiveFixture.options(in: directory, timeout: 0)
            options.cmdlineExtra = ["isokit.selftest"]
            let image = try await LiveBuilder.build(options).output
            let log = directory + "/console.log"
            let result = try await ConsoleProbe.run(
                Self.profile(image, firmware: firmware), expect: "isokit selftest ok", timeout: Self.limit, log: log)
            #expect(result.matched, "console: \(result.consoleTail)")
            let console = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
            #expect(console.contains("(XEN) Xen version 4.17"), "Xen itself started")
            #expect(console.contains("Hypervisor detected: Xen PV"), "dom0 runs under Xen")
            #expect(console.contains("Booting kernel on Xen"))
            #expect(console.contains("isokit: xen: dom0 toolstack up"), "the rescue init started the toolstack")
            print("Xen live CD (\(firmware) CD): `isokit selftest ok` from dom0 after \(Int(result.elapsedSeconds)) s")
        }
    }

    @Test(
        "slow: dom0 runs `xl create` on the cfg `isokit xen guest` wrote for the rescue default; the guest says `isokit rescue ready`",
        .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): Xen under TCG"),
        .enabled(if: XenGuestRunLayer.available, "needs xen-utils-4.17 on the host to copy into dom0"),
        .kernelModules, .oracles("cp"))
    func dom0CreatesGuest() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-guest") { directory in
            // The guest: the rescue default on the cloud kernel, and its xl.cfg, kernel and initrd.
            var guestBuild = LiveBuildOptions(root: .rescue, output: directory + "/rescue.iso")
            guestBuild.hostRoot = directory + "/no-host-kernel"
            guestBuild.sourceDateEpoch = 1_700_000_000
            guestBuild.menuTimeout = 0
            guestBuild.volumeID = "ISOKIT_GUEST"
            let guestImage = try await LiveBuilder.build(guestBuild).output
            let iso = try ISOImage(path: guestImage)
            let plan = try XenGuestPlanner.plan(
                image: iso, options: XenGuestOptions(outputDirectory: directory + "/guest", name: "rescue", memoryMiB: 256))
            let written = try await XenGuestWriter.write(plan, image: iso)
            let guest = try #require(plan.guests.first)

            // dom0: the rescue default on the generic kernel with its toolstack; the test layer's init runs the guest.
            let layer = directory + "/toolstack"
            try await XenGuestRunLayer.stage(
                in: layer,
                initScript: XenGuestRunLayer.initScript(
                    config: guest.configPath, guest: guest.name, marker: "isokit rescue ready", waitSeconds: 700),
                files: written + [guestImage])
            var options = XenLiveFixture.options(in: directory, name: "dom0", timeout: 0)
            options.layers = [layer]
            options.rootInit = XenGuestRunLayer.initPath
            let image = try await LiveBuilder.build(options).output

            let log = directory + "/console.log"
            let result = try await ConsoleProbe.run(
                Self.profile(image), expect: XenGuestRunLayer.reportPrefix, timeout: Self.guestLimit, log: log)
            #expect(result.matched, "console: \(result.consoleTail)")
            let console = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
            #expect(console.contains("isokit xen dom0: hypervisor xen"), "dom0 runs under Xen")
            #expect(console.contains("isokit: xen: dom0 toolstack up"), "\(console.suffix(2000))")
            #expect(console.contains("isokit xen dom0: xl create done"), "\(console.suffix(2000))")
            #expect(console.contains(XenGuestRunLayer.reportPrefix + " isokit rescue ready"), "\(console.suffix(2000))")
            print("Xen live CD: dom0's `xl create` guest said `isokit rescue ready` after \(Int(result.elapsedSeconds)) s")
        }
    }
}
