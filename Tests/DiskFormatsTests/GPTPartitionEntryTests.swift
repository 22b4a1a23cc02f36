import BinaryIO
import Testing

@testable import DiskFormats

@Suite("GPTPartitionEntry")
struct GPTPartitionEntryTests {
    static let sample = GPTPartitionEntry(
        typeGUID: .efiSystemPartition, uniqueGUID: .derived(from: [1]), firstLBA: 2048, lastLBA: 22527,
        attributes: [.requiredPartition, .readOnly], name: "EFI system ✓")

    @Test("round trip with a non-ASCII name")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.count == 128)
        let decoded = try GPTPartitionEntry(bytes: bytes[...], at: 0x400)
        #expect(decoded == Self.sample)
        #expect(decoded.name == "EFI system ✓")
        #expect(decoded.sectorCount == 20480)
        #expect(bytes[56...59] == [0x45, 0x00, 0x46, 0x00])  // "EF" in UTF-16LE
    }

    @Test("a name of 36 code units fills the field without a NUL")
    func fullName() throws {
        let name = String(repeating: "x", count: 36)
        let entry = GPTPartitionEntry(
            typeGUID: .basicData, uniqueGUID: .derived(from: [2]), firstLBA: 34, lastLBA: 34, attributes: [], name: name)
        #expect(try GPTPartitionEntry(bytes: entry.encode()[...], at: 0).name == name)
    }

    @Test("a used entry that ends before it starts is an error")
    func invertedRange() {
        var entry = Self.sample
        entry.lastLBA = 100
        #expect(
            throws: DecodeError.invalidValue(
                field: "GPT partition LBA range", offset: 0x420, reason: "last LBA 100 is before first LBA 2048")
        ) { try GPTPartitionEntry(bytes: entry.encode()[...], at: 0x400) }
    }

    @Test("an unused slot is not checked and has no sectors")
    func unused() throws {
        let decoded = try GPTPartitionEntry(bytes: Array(repeating: 0, count: 128)[...], at: 0)
        #expect(decoded == .unused && decoded.isUnused && decoded.sectorCount == 0)
    }
}
