import DiskWrite
import Foundation
import LiveSystem
import QEMU
import TestSupport
import Testing

/// `isokit write IMAGE disk.img --size 512M --verify`, then the file boots as a disk with the image's own menu:
/// the initramfs finds the `isokit-persist` partition by itself, and a file written in one boot is there in the next.
@Suite(
    "DiskWriter boot", .serialized, .boots, .oracles("grub-mkimage", "mkfs.ext4"),
    .enabled(
        if: Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent").locate()) != nil,
        "needs a kernel in isokit's cache (scripts/setup)"))
struct DiskWriteBootTests {
    /// The live system's PID 1 in the test: reports or writes the marker file, then powers off.
    static let persistCheck = """
        #!/bin/sh
        mount -t proc proc /proc 2>/dev/null
        if [ -f /var/isokit-test/marker ]; then
            echo "isokit persist found: $(cat /var/isokit-test/marker)"
        else
            mkdir -p /var/isokit-test && echo "written in boot one" > /var/isokit-test/marker && sync &&
                echo "isokit persist wrote the marker"
        fi
        grep ' / overlay ' /proc/mounts | grep -q 'upperdir=/run/isokit/persist/' && echo "isokit persist upper: disk"
        echo "isokit persist check end"
        poweroff -f

        """

    /// Boots `disk` and returns the console once the check script ends.
    static func boot(_ disk: String, firmware: Firmware, log: String) async throws -> String {
        let profile = MachineProfile(firmware: firmware, media: [.disk(path: disk)], memoryMiB: 1024)
        let result = try await ConsoleProbe.run(profile, expect: .text("isokit persist check end"), timeout: .seconds(120), log: log)
        #expect(result.matched, "\(firmware): no end marker; console: \(result.consoleTail)")
        return (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.consoleTail
    }

    @Test("written with --size 512M --verify, the disk keeps a file across boots on BIOS and UEFI; isokit.persist=LABEL picks another label, isokit.nopersist turns it off")
    func persistsAcrossBoots() async throws {
        try await withTemporaryDirectory(prefix: "isokit-diskwrite-boot") { directory in
            try FileTree.write(["check": .text(Self.persistCheck, mode: 0o755)], under: directory)
            var options = LiveBuildOptions(root: .rescue, output: directory + "/live.iso")
            options.hostRoot = directory + "/no-host-kernel"
            options.sourceDateEpoch = 1_700_000_000
            options.menuTimeout = 0
            options.files = [LiveFile(source: directory + "/check", target: "/sbin/isokit-check", mode: 0o755)]
            options.rootInit = "/sbin/isokit-check"
            let image = try await LiveBuilder.build(options).output

            var firmwares: [Firmware] = [.bios]
            if Oracle.required || (try? OVMFFirmware.locate()) != nil { firmwares.append(.uefi) }
            for firmware in firmwares {
                let disk = "\(directory)/\(firmware).img"
                let report = try await DiskWriter.write(
                    DiskWriteOptions(image: image, target: disk, verify: true, size: 512 << 20))
                let partition = try #require(report.persistence)
                #expect(report.writtenSHA256 == report.expectedSHA256)

                let first = try await Self.boot(disk, firmware: firmware, log: "\(directory)/\(firmware)-1.log")
                #expect(first.contains("isokit: persistence: /dev/vda\(partition.number) (isokit-persist)"), "\(first.suffix(1500))")
                #expect(first.contains("isokit persist wrote the marker"), "\(first.suffix(800))")
                #expect(first.contains("isokit persist upper: disk"), "\(first.suffix(800))")
                #expect(!first.contains("Can't open blockdev"), "the partition of the mounted disk is mounted through a loop device")
                let second = try await Self.boot(disk, firmware: firmware, log: "\(directory)/\(firmware)-2.log")
                #expect(second.contains("isokit persist found: written in boot one"), "\(second.suffix(1500))")
            }

            // isokit.nopersist in the image's own menu: the partition is left alone, changes stay in RAM.
            options.cmdlineExtra = ["isokit.nopersist"]
            options.output = directory + "/nopersist.iso"
            let off = try await LiveBuilder.build(options).output
            let disk = directory + "/nopersist.img"
            try await DiskWriter.write(DiskWriteOptions(image: off, target: disk, size: 256 << 20))
            let log = try await Self.boot(disk, firmware: .bios, log: directory + "/nopersist.log")
            #expect(log.contains("isokit: persistence: off (isokit.nopersist)"), "\(log.suffix(1500))")
            #expect(log.contains("isokit persist wrote the marker"), "\(log.suffix(800))")
            #expect(!log.contains("isokit persist upper: disk"), "\(log.suffix(800))")

            // isokit.persist=LABEL with --persistence-label LABEL: the named partition, found by label.
            options.cmdlineExtra = ["isokit.persist=mydata"]
            options.output = directory + "/named.iso"
            let named = try await LiveBuilder.build(options).output
            let namedDisk = directory + "/named.img"
            let report = try await DiskWriter.write(
                DiskWriteOptions(image: named, target: namedDisk, size: 256 << 20, persistenceLabel: "mydata"))
            let number = try #require(report.persistence?.number)
            let namedLog = try await Self.boot(namedDisk, firmware: .bios, log: directory + "/named.log")
            #expect(namedLog.contains("isokit: persistence: /dev/vda\(number) (mydata)"), "\(namedLog.suffix(1500))")
            #expect(namedLog.contains("isokit persist upper: disk"), "\(namedLog.suffix(800))")
        }
    }
}
