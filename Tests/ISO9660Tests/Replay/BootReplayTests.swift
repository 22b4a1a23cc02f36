import BinaryIO
import DiskFormats
import Foundation
import ISO9660
import TestSupport
import Testing

/// Capture → extract the tree → write it again with ``BootSetup/writerOptions(reading:base:)``: xorriso lists the same
/// El Torito entries and partitions for the rewrite as for the input (LBAs aside), and `sgdisk -v` accepts its GPT.
@Suite("BootReplay")
struct BootReplayTests {
    /// Rewrites `input`'s tree into `directory` with its captured boot setup; returns the new image and the replay.
    static func rewrite(_ input: String, in directory: TemporaryDirectory) throws -> (image: String, replay: BootReplay) {
        let image = try ISOImage(path: input)
        let setup = try BootSetup(image: image)
        let tree = directory.path("replay-tree")
        _ = try Extractor(image: image, options: ExtractOptions(preserveOwners: false)).extract(["/"], to: tree)
        var base = ISOWriterOptions()
        base.sourceDateEpoch = 1_700_000_000
        let replay = try setup.writerOptions(reading: image, base: base)
        let output = directory.path("replayed.iso")
        _ = try ISOCreator.create(from: tree, to: output, options: replay.options)
        return (output, replay)
    }

    /// xorriso's reports of `image`, with LBAs and sizes left out.
    struct Report: Equatable, CustomStringConvertible {
        /// Per entry: number, platform, bootable, emulation, load segment, partition type, load size.
        var entries: [[String]]
        var paths: [[String]]
        var options: [[String]]
        /// Per MBR slot: number, status, type.
        var mbr: [[String]]
        /// Per GPT slot: type GUID and name, in slot order.
        var gpt: [[String]]
        var summary: [String]
        var description: String { "entries \(entries) paths \(paths) opts \(options) mbr \(mbr) gpt \(gpt) summary \(summary)" }

        init(_ image: String) async throws {
            let text = try await Tool.run(
                "xorriso", ["-indev", image, "-report_el_torito", "plain", "-report_system_area", "plain"],
                environment: OracleReaders.environment
            ).stdout
            entries = BootReports.rows(text, "El Torito boot img :").map { Array($0.prefix(7)) }
            paths = BootReports.rows(text, "El Torito img path :")
            options = BootReports.rows(text, "El Torito img opts :")
            mbr = BootReports.rows(text, "MBR partition      :").map { Array($0.prefix(3)) }
            let types = BootReports.rows(text, "GPT type GUID      :")
            let names = Dictionary(
                BootReports.rows(text, "GPT partname local :").map { ($0[0], $0.dropFirst().joined(separator: " ")) }
            ) { first, _ in first }
            gpt = types.map { [$0[1], names[$0[0]] ?? ""] }
            summary = BootReports.rows(text, "System area summary:").first ?? []
        }
    }

    @Test("the rewrite lists the same El Torito entries, paths and patches", .oracles("xorriso"),
          arguments: ReplayFixture.available)
    func elTorito(fixture: ReplayFixture) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-replay")
        let input = try await fixture.make(in: directory)
        let (output, replay) = try Self.rewrite(input, in: directory)
        let before = try await Report(input)
        let after = try await Report(output)
        #expect(after.entries == before.entries, "\(before)\n\(after)")
        #expect(after.paths == before.paths, "\(before)\n\(after)")
        #expect(after.options == before.options, "\(before)\n\(after)")
        // Only images outside the tree are carried as bytes.
        let setup = try BootSetup(image: try ISOImage(path: input))
        #expect(replay.extractedEntries == setup.entries.indices.filter { setup.entries[$0].treePath == nil })
    }

    @Test("the rewrite has the same partitions where the writer can lay them out, and says what it dropped",
          .oracles("xorriso", "sgdisk"), arguments: ReplayFixture.available)
    func systemArea(fixture: ReplayFixture) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-replay")
        let input = try await fixture.make(in: directory)
        let (output, replay) = try Self.rewrite(input, in: directory)
        let before = try await Report(input)
        let after = try await Report(output)
        let context = "\(before)\n\(after)\n\(replay.notReplayed)"
        switch fixture {
        case .xorrisoAppended:
            // xorriso fills the gaps around the appended ESP with "Gap" partitions; isokit writes one ISO data
            // partition. The ESP keeps its type and name.
            let esp = try #require(before.gpt.first { $0[1] == "Appended2" }, "\(context)")
            #expect(after.gpt.contains(esp), "\(context)")
            #expect(after.mbr == before.mbr, "\(context)")
            #expect(after.summary == before.summary, "\(context)")
            #expect(replay.notReplayed.isEmpty, "\(context)")
        case .isokitHybrid, .isokitAppended:
            #expect(after.mbr == before.mbr, "\(context)")
            #expect(after.gpt == before.gpt, "\(context)")
            #expect(after.summary == before.summary, "\(context)")
            #expect(replay.notReplayed.isEmpty, "\(context)")
        case .grubRescue:
            #expect(after.mbr == before.mbr, "\(context)")
            #expect(after.summary.contains("grub2-mbr"), "\(context)")
            #expect(replay.notReplayed.isEmpty, "\(context)")
        case .grubMkrescue:
            // The ESP and the ISO data come back; HFS+ and the Apple partition map do not, and the replay says so.
            #expect(after.summary.contains("grub2-mbr"), "\(context)")
            #expect(after.gpt.contains { $0[0] == "28732ac11ff8d211ba4b00a0c93ec93b" }, "\(context)")
            #expect(replay.notReplayed.contains { $0.contains("Apple partition map") }, "\(context)")
            #expect(replay.notReplayed.contains { $0.contains("HFSPLUS") }, "\(context)")
        case .ipxe:
            // isohybrid's single 0x17 partition from sector 0 becomes isokit's MBR layout: ISO data (active) split
            // around the ESP image.
            #expect(after.mbr.first?[1] == "0x80", "\(context)")
            #expect(after.mbr.map { $0[2] } == ["0xcd", "0xef", "0xcd"], "\(context)")
            #expect(after.summary.contains("isohybrid"), "\(context)")
            #expect(replay.notReplayed.contains { $0.contains("0x17") }, "\(context)")
        }
        // The MBR boot code comes back as it was, patched for the new BIOS image LBA in the same form.
        let captured = try BootSetup(image: try ISOImage(path: input)).systemArea
        let rewritten = try BootSetup(image: try ISOImage(path: output)).systemArea
        #expect(rewritten.mbrBootCode == captured.mbrBootCode)
        #expect(rewritten.mbrBootImageAddress == captured.mbrBootImageAddress)
        if !after.gpt.isEmpty {
            let verify = try await Tool.run("sgdisk", ["-v", output])
            #expect(verify.stdout.contains("No problems found."), "\(verify.stdout)")
        }
    }

    @Test("a boot image outside the tree is written outside the new tree, with its bytes unchanged",
          .oracles("xorriso", "mkfs.fat"),
          .enabled(if: ReplayFixture.xorrisoAppended.available, "needs GRUB's MBR code"))
    func extractedImageBytes() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-replay")
        let input = try await ReplayFixture.xorrisoAppended.make(in: directory)
        let (output, replay) = try Self.rewrite(input, in: directory)
        #expect(replay.extractedEntries == [1])
        let before = try BootSetup(image: try ISOImage(path: input))
        let after = try BootSetup(image: try ISOImage(path: output))
        let inputImage = try ISOImage(path: input)
        let outputImage = try ISOImage(path: output)
        let count = Int(before.entries[1].imageBytes)
        #expect(after.entries[1].imageBytes == before.entries[1].imageBytes)
        #expect(after.entries[1].isAppended)
        let old = try inputImage.reader.read(at: Int64(before.entries[1].loadLBA) * 2048, count: count, structure: "ESP")
        let new = try outputImage.reader.read(at: Int64(after.entries[1].loadLBA) * 2048, count: count, structure: "ESP")
        #expect(ContentCompare.firstDifference(old, new) == nil)
    }
}
