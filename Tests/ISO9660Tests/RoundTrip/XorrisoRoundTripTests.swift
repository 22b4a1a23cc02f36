import Foundation
import ISO9660
import TestSupport
import Testing

/// xorriso (libisofs) reads what isokit wrote.
@Suite("Round trip: xorriso")
struct XorrisoRoundTripTests {
    @Test("-find / -exec lsdl lists the source's names, kinds, modes, sizes, link targets and device numbers", .oracles("xorriso"))
    func find() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let listing = try await OracleReaders.xorriso(image).withoutEmptyRelocationDirectory()
        ListingCompare.expectSame(listing, try tree.listing(), reader: "xorriso lsdl")
    }

    @Test("-report_el_torito and -report_system_area run clean on a plain image", .oracles("xorriso"),
          arguments: ["el_torito", "system_area"])
    func reports(report: String) async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let result = try await Tool.run(
            "xorriso", ["-abort_on", "FAILURE", "-indev", image, "-report_\(report)", "plain"],
            environment: OracleReaders.environment)
        for word in ["FAILURE", "SORRY", "WARNING", "MISHAP"] {
            #expect(!result.stderr.contains(word), "xorriso -report_\(report): \(result.stderr)")
        }
    }

    @Test("-exec report_lba sees the 4.5 GiB file's two extents where isokit's reader does", .oracles("xorriso"))
    func multiExtent() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let result = try await Tool.run(
            "xorriso", ["-indev", image, "-find", "/\(OddTree.sparseName)", "-exec", "report_lba"],
            environment: OracleReaders.environment)
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("File data lba:") }
        #expect(rows.count == 2, "\(result.stdout)")
        let reader = try ISOImage(path: image)
        let entry = try reader.entry(at: "/\(OddTree.sparseName)")
        #expect(entry.extents.count == 2)
        // "File data lba: INDEX , LBA , BLOCKS , FILE SIZE , 'PATH'", one row per extent.
        let fields = rows.map { row in
            row.dropFirst("File data lba:".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(fields.map { UInt32($0[1]) } == entry.extents.map(\.lba))
        #expect(fields.map { UInt32($0[2]) } == entry.extents.map { ($0.length + 2047) / 2048 })
        #expect(fields.allSatisfy { Int64($0[3]) == OddTree.sparseSize })
    }
}
