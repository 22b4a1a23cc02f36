import Foundation
import LiveSystem
import QEMU
import TestSupport
import Testing

@Suite(
    "Live boot", .serialized, .boots,
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
struct LiveBootTests {
    /// The longest a boot may take under TCG.
    static let limit = Duration.seconds(90)

    /// Boots `image` and returns the console once `marker` appears; records an issue if it does not.
    @discardableResult
    static func boot(
        _ image: String, firmware: Firmware = .bios, asCD: Bool = true, expect marker: String, log: String,
        extra: [String] = []
    ) async throws -> String {
        let medium = asCD ? BootMedium.cdrom(path: image) : .disk(path: image)
        let profile = MachineProfile(firmware: firmware, media: [medium], memoryMiB: 1024, extraArguments: extra)
        let result = try await ConsoleProbe.run(profile, expect: .text(marker), timeout: limit, log: log)
        #expect(result.matched, "\(firmware) \(asCD ? "CD" : "disk"): no \(marker); console: \(result.consoleTail)")
        return (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
    }

    @Test(
        "the rescue default boots to `isokit selftest ok` on BIOS and UEFI, as a CD and as a disk",
        .oracles("grub-mkimage"))
    func rescueSelftest() async throws {
        try #require(Oracle.required || (try? OVMFFirmware.locate()) != nil, "OVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            var options = LiveFixture.options(.rescue, in: directory)
            options.cmdlineExtra = ["isokit.selftest"]
            let image = try await LiveBuilder.build(options).output
            for (firmware, asCD) in [(Firmware.bios, true), (.bios, false), (.uefi, true), (.uefi, false)] {
                let log = "\(directory)/\(firmware)-\(asCD ? "cd" : "disk").log"
                try await Self.boot(image, firmware: firmware, asCD: asCD, expect: "isokit selftest ok", log: log)
            }
        }
    }

    @Test("with a NIC, the rescue selftest gets a DHCP lease from QEMU's user network")
    func rescueNetwork() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            var options = LiveFixture.options(.rescue, in: directory)
            options.cmdlineExtra = ["isokit.selftest"]
            let image = try await LiveBuilder.build(options).output
            let log = try await Self.boot(
                image, expect: "isokit selftest ok", log: directory + "/console.log",
                extra: ["-nic", "user,model=virtio-net-pci"])
            #expect(log.contains("isokit selftest: eth0 10.0.2.15/24 by DHCP"), "\(log.suffix(800))")
        }
    }

    @Test("the rescue default without selftest reaches its shell and says `isokit rescue ready`")
    func rescueReady() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            let image = try await LiveBuilder.build(LiveFixture.options(.rescue, in: directory)).output
            try await Self.boot(image, expect: "isokit rescue ready", log: directory + "/console.log")
        }
    }

    /// The init of the test roots: prints what the tests check, then powers off.
    static let reportingInit = """
        mount -t proc proc /proc 2>/dev/null
        echo "marker: $(cat /marker)"
        echo "upper-only: $(cat /upper-only 2>/dev/null || echo absent)"
        echo written > /written && echo "write: $(cat /written)"
        grep -q ' / overlay ' /proc/mounts && echo "root: overlay"
        grep ' /run/isokit' /proc/mounts | grep -q iso9660 && echo "medium: mounted" || echo "medium: not mounted"
        grep -q 'upperdir=/run/isokit/rw' /proc/mounts && echo "upper: tmpfs"
        [ -e /sys/block/sr0 ] && echo 1 > /sys/block/sr0/device/delete && echo "cdrom: removed"
        sleep 1
        find / -xdev -type f -exec cat {} + > /dev/null && echo "read after removal: ok"
        echo "isokit test done"
        poweroff -f

        """

    @Test("a root directory and a second layer: the upper layer wins, writes go to tmpfs; isokit.toram frees the medium")
    func layersAndToRAM() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            try LiveFixture.scriptedRoot(
                at: directory + "/root", script: Self.reportingInit, files: ["marker": .text("from the base\n")])
            try FileTree.write(["marker": .text("from the upper layer\n"), "upper-only": .text("yes\n")], under: directory + "/top")
            var options = LiveFixture.options(.directory(directory + "/root"), in: directory)
            options.layers = [directory + "/top"]
            let report = try await LiveBuilder.build(options)
            #expect(report.layers.map(\.file) == ["00-base.squashfs", "10-top.squashfs"])

            let plain = try await Self.boot(report.output, expect: "isokit test done", log: directory + "/plain.log")
            #expect(plain.contains("marker: from the upper layer"))
            #expect(plain.contains("upper-only: yes"))
            #expect(plain.contains("write: written"))
            #expect(plain.contains("root: overlay"))
            #expect(plain.contains("upper: tmpfs"))
            #expect(plain.contains("medium: mounted"))

            options.cmdlineExtra = ["isokit.toram"]
            options.output = directory + "/toram.iso"
            let toram = try await LiveBuilder.build(options)
            let log = try await Self.boot(toram.output, expect: "isokit test done", log: directory + "/toram.log")
            #expect(log.contains("medium: not mounted"))
            #expect(log.contains("cdrom: removed"))
            #expect(log.contains("read after removal: ok"))
            #expect(log.contains("marker: from the upper layer"))
        }
    }

    /// Prints the console configuration the initramfs left in the root, then powers off.
    static let consoleReport = """
        echo "inittab:"; cat /etc/inittab 2>/dev/null
        echo "securetty:"; cat /etc/securetty 2>/dev/null
        echo "wants:"; ls /etc/systemd/system/getty.target.wants 2>/dev/null
        echo "isokit test done"
        /bin/poweroff -f

        """

    @Test("a root from a zstd-compressed tar archive (docker export style) boots with its files", .oracles("tar", "zstd"))
    func tarRoot() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            try LiveFixture.scriptedRoot(
                at: directory + "/root", script: Self.reportingInit, files: ["marker": .text("from the tar\n")])
            try await Tool.run(
                "tar", ["-C", directory + "/root", "--numeric-owner", "--zstd", "-cf", directory + "/root.tar.zst", "."])
            let options = LiveFixture.options(.path(directory + "/root.tar.zst"), in: directory)
            let report = try await LiveBuilder.build(options)
            #expect(report.layers.first?.source == directory + "/root.tar.zst")
            let log = try await Self.boot(report.output, expect: "isokit test done", log: directory + "/console.log")
            #expect(log.contains("marker: from the tar"))
            #expect(log.contains("root: overlay"))
        }
    }

    @Test("logins on every console: a sysvinit root gets inittab getty lines and securetty, a systemd root getty units")
    func consoles() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            // A second UART, so ttyS1 (named with isokit.console=) exists beside ttyS0 (still the console on stdio).
            let secondUART = ["-serial", "mon:stdio", "-serial", "null"]
            try LiveFixture.scriptedRoot(at: directory + "/sysv", script: Self.consoleReport, files: [
                "etc/inittab": .text("id:2:initdefault:\n1:2345:respawn:/sbin/getty 38400 tty1\n"),
                "etc/securetty": .text("console\n"),
            ])
            var sysv = LiveFixture.options(.directory(directory + "/sysv"), in: directory, name: "sysv")
            sysv.cmdlineExtra = ["isokit.console=ttyS1"]
            let sysvLog = try await Self.boot(
                try await LiveBuilder.build(sysv).output, expect: "isokit test done", log: directory + "/sysv.log",
                extra: secondUART)
            #expect(sysvLog.contains("yS0:2345:respawn:/sbin/getty -L 115200 ttyS0 vt100"), "\(sysvLog.suffix(600))")
            #expect(sysvLog.contains("yS1:2345:respawn:/sbin/getty -L 115200 ttyS1 vt100"), "\(sysvLog.suffix(600))")
            #expect(!sysvLog.contains("tty1:2345"), "tty1 had a getty already")
            let lines = sysvLog.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            let securetty = lines.drop { $0 != "securetty:" }.prefix { $0 != "wants:" }
            #expect(securetty.contains("ttyS0") && securetty.contains("ttyS1"), "\(Array(securetty))")

            try LiveFixture.scriptedRoot(at: directory + "/systemd", script: Self.consoleReport, files: [
                "lib/systemd/system/serial-getty@.service": .text("[Unit]\n"),
                "lib/systemd/system/getty@.service": .text("[Unit]\n"),
            ])
            try FileManager.default.moveItem(
                atPath: directory + "/systemd/sbin/init", toPath: directory + "/systemd/lib/systemd/systemd")
            try FileManager.default.createSymbolicLink(
                atPath: directory + "/systemd/sbin/init", withDestinationPath: "/lib/systemd/systemd")
            let systemd = LiveFixture.options(.directory(directory + "/systemd"), in: directory, name: "systemd")
            let systemdLog = try await Self.boot(
                try await LiveBuilder.build(systemd).output, expect: "isokit test done", log: directory + "/systemd.log")
            #expect(systemdLog.contains("serial-getty@ttyS0.service"), "\(systemdLog.suffix(600))")
            #expect(systemdLog.contains("getty@tty1.service"), "\(systemdLog.suffix(600))")
        }
    }

    @Test(
        "slow: a Debian root made by debootstrap from a recipe boots to a login prompt on the serial console",
        .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): debootstrap downloads Debian"),
        .oracles("debootstrap"))
    func debianRoot() async throws {
        try #require(geteuid() == 0, "debootstrap needs root")
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            let options = try LiveFixture.recipeOptions(
                "[debian]\nsuite = \"bookworm\"\npackages = [\"sysvinit-core\"]\n", in: directory, name: "debian")
            let report = try await LiveBuilder.build(options)
            let log = try await Self.boot(report.output, expect: "login:", log: directory + "/console.log")
            #expect(log.contains("Debian GNU/Linux 12"), "\(log.suffix(800))")
        }
    }
}
