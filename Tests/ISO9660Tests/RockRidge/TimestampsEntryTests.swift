import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("TimestampsEntry")
struct TimestampsEntryTests {
    /// The TF entry xorriso writes: modification, access and attribute change, short form, 2026-11-22 06:07:36 UTC.
    static let xorriso = Hex.bytes("54 46 1A 01 0E 7E 0B 16 06 07 24 00 7E 0B 16 06 07 24 00 7E 0B 16 06 07 24 00")

    @Test("the short form from xorriso")
    func shortForm() throws {
        let entry = try TimestampsEntry(bytes: Self.xorriso[...], at: 0)
        #expect(entry.flags == [.modification, .access, .attributes])
        #expect(entry.values.count == 3)
        let expected = RecordingDate(yearsSince1900: 126, month: 11, day: 22, hour: 6, minute: 7, second: 36, gmtOffsetQuarterHours: 0)
        #expect(entry.value(for: .access) == .short(expected))
        #expect(entry.value(for: .creation) == nil)
        #expect(entry.unixTime(for: .modification) == expected.unixTime)
        #expect(entry.encode() == Self.xorriso)
    }

    @Test("Unix times round-trip in both forms", arguments: [false, true])
    func unixTimes(longForm: Bool) throws {
        let entry = TimestampsEntry(
            longForm: longForm, creation: 0, modification: 1_700_000_000, access: -86_400, attributeChange: 2_000_000_000,
            backup: 1, expiration: 4_000_000_000, effective: 951_782_400)
        let bytes = entry.encode()
        #expect(bytes.count == 5 + 7 * (longForm ? 17 : 7))
        let decoded = try TimestampsEntry(bytes: bytes[...], at: 0)
        #expect(decoded == entry)
        #expect(decoded.flags.contains(.longForm) == longForm)
        let kinds: [TimestampsEntry.Flags] = [.creation, .modification, .access, .attributes, .backup, .expiration, .effective]
        #expect(kinds.map { decoded.unixTime(for: $0) } == [0, 1_700_000_000, -86_400, 2_000_000_000, 1, 4_000_000_000, 951_782_400])
    }

    @Test("a length that does not match the flags")
    func lengthMismatch() {
        var bytes = Self.xorriso
        bytes[4] = 0x0F
        #expect(throws: DecodeError.invalidValue(field: "TF length", offset: 0x202, reason: "26 bytes, expected 33 for 4 time stamps")) {
            try TimestampsEntry(bytes: bytes[...], at: 0x200)
        }
        bytes[4] = 0x8E
        #expect(throws: DecodeError.invalidValue(field: "TF length", offset: 0x202, reason: "26 bytes, expected 56 for 3 time stamps")) {
            try TimestampsEntry(bytes: bytes[...], at: 0x200)
        }
    }
}
