import BootConfig
import Foundation
import ISO9660
import LiveSystem
import QEMU
import Testing
import TestSupport
import Xen

/// The kernel and initrd `isokit xen guest` extracts boot: QEMU loads them with `-kernel -initrd -append`, taking
/// the command line from the generated xl.cfg.
///
/// QEMU is not Xen: there is no `hvc0` and the ISO is not `/dev/xvdc` but the IDE CD `/dev/sr0`. So the test drops
/// `console=hvc0` and `isokit.media=/dev/xvdc` from the cfg's command line and adds `console=ttyS0`; the entry's
/// own `isokit.label=` (which the planner keeps) then finds the CD, exactly as the init would fall back on it.
@Suite(
    "Xen guest direct boot", .serialized, .boots,
    .enabled(if: Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent").locate()) != nil,
             "needs a kernel in isokit's cache (scripts/setup)"))
struct XenDirectBootTests {
    @Test("the rescue default's extracted kernel and initrd boot to `isokit rescue ready` with the cfg's command line")
    func rescueDirect() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-boot") { directory in
            var build = LiveBuildOptions(root: .rescue, output: directory + "/rescue.iso")
            build.hostRoot = directory + "/no-host-kernel"
            build.sourceDateEpoch = 1_700_000_000
            build.menuTimeout = 0
            build.volumeID = "ISOKIT_XEN"
            let image = try await LiveBuilder.build(build).output
            let iso = try ISOImage(path: image)
            let plan = try XenGuestPlanner.plan(image: iso, options: XenGuestOptions(outputDirectory: directory + "/guest"))
            try await XenGuestWriter.write(plan, image: iso)
            let guest = try #require(plan.guests.first)
            let config = try XLConfig(text: try String(contentsOfFile: guest.configPath, encoding: .utf8))
            let cmdline = try #require(config["cmdline"]?.stringValue)
            #expect(cmdline.contains("isokit.media=/dev/xvdc") && cmdline.contains("console=hvc0"))
            #expect(cmdline.contains("isokit.label=ISOKIT_XEN"))
            let kernel = try #require(config["kernel"]?.stringValue)
            let ramdisk = try #require(config["ramdisk"]?.stringValue)
            #expect(try Data(contentsOf: URL(fileURLWithPath: kernel))
                == Data(try iso.contents(of: plan.kernelSource, limitBytes: 64 << 20)))
            let append = cmdline.split(separator: " ")
                .filter { $0 != "console=hvc0" && $0 != "isokit.media=/dev/xvdc" }
                .joined(separator: " ") + " console=ttyS0,115200"
            let profile = MachineProfile(
                firmware: .bios, media: [.cdrom(path: image)], memoryMiB: 1024, kernel: kernel, initrd: ramdisk,
                append: append)
            let result = try await ConsoleProbe.run(
                profile, expect: .text("isokit rescue ready"), timeout: .seconds(90), log: directory + "/console.log")
            #expect(result.matched, "no `isokit rescue ready`; console: \(result.consoleTail)")
        }
    }
}
