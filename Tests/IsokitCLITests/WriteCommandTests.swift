import Foundation
import TestSupport
import Testing

@Suite("isokit write")
struct WriteCommandTests {
    @Test("--json reports the copy, the persistence partition and equal sums", .oracles("mkfs.ext4", "mkfs.fat"))
    func json() async throws {
        let fixture = try await CLIFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("esp"), withIntermediateDirectories: true)
        try await Tool.run("mkfs.fat", ["-C", fixture.path("esp/efi.img"), "1440"])
        try await fixture.expectSuccess(["create", "esp", "-o", "hybrid.iso", "--efi-boot", "efi.img", "--hybrid", "-q"])
        let plain = try await fixture.expectSuccess(["write", "live.iso", "copy.img", "--verify", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        #expect(report["target"] as? String == "copy.img")
        #expect(report["targetKind"] as? String == "file")
        #expect(report["imageSHA256"] as? String != nil && report["imageSHA256"] as? String == report["writtenSHA256"] as? String)
        #expect(try fixture.size("copy.img") == fixture.size("live.iso"))

        let grown = try await fixture.expectSuccess(["write", "hybrid.iso", "disk.img", "--size", "64M", "--verify", "--json"])
        let grownReport = try #require(try JSONSerialization.jsonObject(with: Data(grown.stdout.utf8)) as? [String: Any])
        let persistence = try #require(grownReport["persistence"] as? [String: Any])
        #expect(persistence["label"] as? String == "isokit-persist")
        #expect(grownReport["expectedSHA256"] as? String == grownReport["writtenSHA256"] as? String)
        #expect(try fixture.size("disk.img") == 64 << 20)

        let quiet = try await fixture.expectSuccess(["write", "live.iso", "copy.img", "--force"])
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.hasPrefix("wrote live.iso to copy.img: "), "\(quiet.stderr)")
    }

    @Test("bad targets and sizes exit non-zero with one line naming the path, and write nothing")
    func badInputs() async throws {
        let fixture = try await CLIFixture()
        let before = try fixture.topLevel()
        let cases: [([String], Int32, String)] = [
            (["write", "live.iso", "live.iso", "--force"], 64, "isokit: live.iso: the target is the image itself\n"),
            (["write", "live.iso", "nowhere/disk.img"], 73,
             "isokit: nowhere/disk.img: not a block device or disk-image file path: directory nowhere does not exist\n"),
            (["write", "live.iso", "/dev/isokit-no-such-disk"], 73,
             "isokit: /dev/isokit-no-such-disk: not a block device or disk-image file path: no such device\n"),
            (["write", "missing.iso", "disk.img"], 66, "isokit: missing.iso: open: No such file or directory\n"),
            (["write", "live.iso", "disk.img", "--size", "4K"], 64,
             "isokit: disk.img: --size 4096: smaller than the image's \(try fixture.size("live.iso")) bytes\n"),
            (["write", "live.iso", "disk.img", "--size", "64M"], 65,
             "isokit: live.iso: no partition table to add a persistence partition to: "
                + "no MBR boot signature (55 AA) at byte 510 and no GPT header at LBA 1\n"),
            (["write", "live.iso", "tree/README.txt"], 73,
             "isokit: tree/README.txt: file of \(try fixture.size("tree/README.txt")) bytes exists; pass --force to overwrite it\n"),
        ]
        for (arguments, status, message) in cases {
            let result = try await fixture.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr == message, "\(arguments)")
        }
        let usage = try await fixture.run(["write", "live.iso", "disk.img", "--size", "lots"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--size lots: expected bytes or a number with K, M, G or T"), "\(usage.stderr)")
        #expect(try fixture.topLevel() == before)
    }
}
