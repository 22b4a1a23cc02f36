import BinaryIO
import Testing

@testable import ISO9660

@Suite("SystemUseArea")
struct SystemUseAreaTests {
    static let base: Int64 = 0x9822

    static let rootEntries: [SystemUseEntry] = [
        .sharingProtocol(skipBytes: 0),
        .posixAttributes(POSIXAttributes(mode: 0o40755, links: 2, uid: 0, gid: 0)),
        .timestamps(TimestampsEntry(modification: 1_700_000_000)),
        .continuation(ContinuationArea(blockLBA: 19, offset: 0, length: 237)),
    ]

    @Test("a sequence of entries round-trips")
    func roundTrip() throws {
        let bytes = SystemUseArea.encode(Self.rootEntries)
        #expect(bytes.count == 7 + 36 + 12 + 28)
        #expect(try SystemUseArea.decode(bytes[...], at: Self.base) == Self.rootEntries)
    }

    @Test("decoding works on a slice that does not start at index 0")
    func sliceIndices() throws {
        let bytes = [0xFF, 0xFF, 0xFF] + SystemUseArea.encode(Self.rootEntries) + [0xFF]
        let entries = try SystemUseArea.decode(bytes[3..<(bytes.count - 1)], at: Self.base)
        #expect(entries == Self.rootEntries)
    }

    @Test("decoding stops at ST and ignores what follows")
    func stopsAtTerminator() throws {
        let bytes = SystemUseArea.encode([.relocatedDirectory, .terminator]) + [0x58, 0x58, 0x00, 0x00, 0xFF]
        #expect(try SystemUseArea.decode(bytes[...], at: Self.base) == [.relocatedDirectory, .terminator])
    }

    @Test("trailing zero padding and short tails end the area", arguments: [[0], [0, 0, 0, 0, 0, 0], [0x41, 0x42, 0x43]] as [[UInt8]])
    func padding(tail: [UInt8]) throws {
        let bytes = SystemUseArea.encode([.childLink(5)]) + tail
        #expect(try SystemUseArea.decode(bytes[...], at: Self.base) == [.childLink(5)])
    }

    @Test("an empty area has no entries")
    func empty() throws {
        #expect(try SystemUseArea.decode([][...], at: Self.base) == [])
    }

    @Test("a length-0 entry is an error, not an endless loop")
    func zeroLength() {
        let bytes = SystemUseArea.encode([.relocatedDirectory]) + [0x5A, 0x5A, 0x00, 0x01, 0, 0]
        #expect(throws: DecodeError.truncated(structure: "system use entry", offset: Self.base + 4, needed: 4, available: 0)) {
            try SystemUseArea.decode(bytes[...], at: Self.base)
        }
    }

    @Test("an entry longer than the rest of the area")
    func overrun() {
        var bytes = SystemUseArea.encode([.relocatedDirectory, .childLink(5)])
        bytes[6] = 13
        #expect(throws: DecodeError.truncated(structure: "system use entry", offset: Self.base + 4, needed: 13, available: 12)) {
            try SystemUseArea.decode(bytes[...], at: Self.base)
        }
    }

    @Test("an error inside the second entry carries that entry's absolute offset")
    func nestedOffset() {
        var bytes = SystemUseArea.encode(Self.rootEntries)
        bytes[7 + 2] = 40
        #expect(throws: DecodeError.invalidValue(field: "PX length", offset: Self.base + 9, reason: "40 bytes, expected 36 or 44")) {
            try SystemUseArea.decode(bytes[...], at: Self.base)
        }
    }
}
