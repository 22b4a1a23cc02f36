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
}
