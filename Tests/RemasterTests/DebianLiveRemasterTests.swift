import Foundation
import QEMU
import Remaster
import TestSupport
import Testing

/// Slow tier: a Debian Live ISO made by Debian's own live-build (``DebianLiveImage``, built once and cached) boots
/// under QEMU TCG as a BIOS CD, and so does its remaster with `--patch-root`, `--hvc0` and `--append-cmdline`.
@Suite("Debian Live (live-build) remaster", .serialized, .boots)
struct DebianLiveRemasterTests {
    /// How long a boot may take. Under TCG most of it is live-config's first-boot run (minutes): the login prompt
    /// took about 7.5 minutes on a machine with twice as many busy processes as cores.
    static let bootLimit = Duration.seconds(1200)

    /// The machine the tests boot: the image as an IDE CD (the cloud kernel reads it through ata_piix), with room
    /// for the live root in RAM.
    static func profile(_ image: String) -> MachineProfile {
        MachineProfile(firmware: .bios, media: [.cdrom(path: image)], memoryMiB: 1024)
    }

    @Test(
        "slow: live-build's ISO boots as a BIOS CD to a login prompt on the serial console",
        .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): live-build downloads Debian"))
    func originalBoots() async throws {
        try #require(geteuid() == 0, "live-build needs root")
        let original = try await DebianLiveImage.cached()
        try await withTemporaryDirectory(prefix: "isokit-debian-live") { directory in
            let result = try await ConsoleProbe.run(
                Self.profile(original), expect: "login:", timeout: Self.bootLimit, log: directory + "/console.log")
            #expect(result.matched, "console: \(result.consoleTail)")
            print("Debian Live (live-build) BIOS CD: login prompt after \(Int(result.elapsedSeconds)) s")
            let log = FileManager.default.contents(atPath: directory + "/console.log") ?? Data()
            let console = String(decoding: log, as: UTF8.self)
            #expect(console.contains("boot=live"), "the kernel command line reached the console")
            #expect(console.contains("Debian GNU/Linux 12"), "\(console.suffix(800))")
        }
    }

    /// The text of the marker file the patch puts in the root.
    static let marker = "isokit patch-root marker on Debian live"
    /// The parameter `--append-cmdline` adds.
    static let parameter = "isokit.remastered=yes"

    /// A `--patch-root` tree: the marker file, and a unit that reports on the serial console, once the system is up,
    /// the marker, whether a getty is set up for hvc0 (systemd and inittab) and the kernel command line.
    static func patchRoot(under directory: String) throws -> String {
        let report = """
            #!/bin/sh
            exec >/dev/ttyS0 2>&1
            echo "ISOKIT-MARKER: $(cat /etc/isokit-marker)"
            echo "ISOKIT-HVC0: $(systemctl is-enabled serial-getty@hvc0.service 2>&1)"
            for link in /etc/systemd/system/*.wants/*hvc0*; do echo "ISOKIT-HVC0-LINK: $link"; done
            grep -s hvc0 /etc/inittab | sed 's/^/ISOKIT-HVC0-INITTAB: /'
            echo "ISOKIT-CMDLINE: $(cat /proc/cmdline)"
            echo ISOKIT-REPORT-DONE
            """
        let unit = """
            [Unit]
            Description=isokit remaster test report on ttyS0
            After=local-fs.target

            [Service]
            Type=oneshot
            ExecStart=/usr/local/sbin/isokit-report

            [Install]
            WantedBy=multi-user.target
            """
        try FileTree.write(
            [
                "patch-root/etc/isokit-marker": .text(marker + "\n"),
                "patch-root/usr/local/sbin/isokit-report": .text(report + "\n", mode: 0o755),
                "patch-root/etc/systemd/system/isokit-report.service": .text(unit + "\n"),
                "patch-root/etc/systemd/system/multi-user.target.wants/isokit-report.service":
                    .symlink("/etc/systemd/system/isokit-report.service"),
            ], under: directory)
        return directory + "/patch-root"
    }

    @Test(
        "slow: live-build's ISO remastered with --patch-root, --hvc0 and --append-cmdline boots with the marker, an hvc0 getty and the parameter",
        .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): live-build downloads Debian"))
    func remastered() async throws {
        try #require(geteuid() == 0, "live-build needs root")
        let original = try await DebianLiveImage.cached()
        try await withTemporaryDirectory(prefix: "isokit-debian-live") { directory in
            var options = RemasterOptions(input: original, output: directory + "/remastered.iso")
            options.rootEdits = RootEdits(
                patchDirectories: [try Self.patchRoot(under: directory)], hvc0: true, rootPasswordHash: nil)
            options.menuEdits = MenuEdits(append: [Self.parameter])
            options.sourceDateEpoch = 1_700_000_000
            let report = try Remasterer.remaster(options)

            let log = directory + "/console.log"
            let result = try await ConsoleProbe.run(
                Self.profile(report.output), expect: "ISOKIT-REPORT-DONE", timeout: Self.bootLimit, log: log)
            #expect(result.matched, "console: \(result.consoleTail)")
            print("Debian Live (live-build) remastered BIOS CD: report after \(Int(result.elapsedSeconds)) s")
            let console = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
            let lines = console.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.contains("ISOKIT-MARKER: \(Self.marker)"), "\(console.suffix(1200))")
            let cmdline = lines.first { $0.hasPrefix("ISOKIT-CMDLINE: ") } ?? ""
            #expect(cmdline.contains(Self.parameter) && cmdline.contains("boot=live"), "\(cmdline)")
            let getty =
                lines.contains("ISOKIT-HVC0: enabled")
                || lines.contains { $0.hasPrefix("ISOKIT-HVC0-LINK: ") && !$0.hasSuffix("*hvc0*") }
                || lines.contains { $0.hasPrefix("ISOKIT-HVC0-INITTAB: ") }
            #expect(getty, "no getty for hvc0: \(lines.filter { $0.hasPrefix("ISOKIT-HVC0") })")
        }
    }
}
