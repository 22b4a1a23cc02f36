import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ISO9660

@Suite("RecordingDate")
struct RecordingDateTests {
    /// Unix times across the representable range: 1900, a leap day, the fixture time, 2038+ and the last second of 2155.
    static let times: [Int64] = [-2_208_988_800, 0, 951_825_600, 1_600_000_000, 2_147_483_648, 5_869_583_999]

    @Test("round trip through the seven bytes", arguments: [-48, 0, 22, 52] as [Int8])
    func roundTrip(offset: Int8) throws {
        let date = RecordingDate(
            yearsSince1900: 123, month: 11, day: 14, hour: 22, minute: 13, second: 20, gmtOffsetQuarterHours: offset)
        let bytes = date.encode()
        #expect(bytes == [123, 11, 14, 22, 13, 20, UInt8(bitPattern: offset)])
        #expect(try RecordingDate(bytes: bytes[...], at: 0x1_A812) == date)
    }

    @Test("Unix time round trip, checked against Foundation's calendar", arguments: times)
    func unixTime(time: Int64) throws {
        let date = RecordingDate(unixTime: time)
        #expect(date.unixTime == time)
        #expect(date.gmtOffsetQuarterHours == 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(time)))
        #expect(Int(date.yearsSince1900) + 1900 == parts.year && Int(date.month) == parts.month)
        #expect(Int(date.day) == parts.day && Int(date.hour) == parts.hour)
        #expect(Int(date.minute) == parts.minute && Int(date.second) == parts.second)
    }

    @Test("the GMT offset moves the instant: 17:56:40 at +05:30 is 12:26:40 GMT")
    func offset() {
        let local = RecordingDate(
            yearsSince1900: 120, month: 9, day: 13, hour: 17, minute: 56, second: 40, gmtOffsetQuarterHours: 22)
        #expect(local.unixTime == 1_600_000_000)
        let west = RecordingDate(
            yearsSince1900: 120, month: 9, day: 13, hour: 0, minute: 26, second: 40, gmtOffsetQuarterHours: -48)
        #expect(west.unixTime == 1_600_000_000)
    }

    @Test("years outside 1900…2155 are clamped", arguments: [(-3_000_000_000, 0), (9_000_000_000, 255)] as [(Int64, UInt8)])
    func clamped(time: Int64, years: UInt8) {
        #expect(RecordingDate(unixTime: time).yearsSince1900 == years)
    }

    @Test("an unrecorded or impossible date has no Unix time",
          arguments: [[0, 0, 0, 0, 0, 0, 0], [120, 13, 1, 0, 0, 0, 0], [120, 1, 32, 0, 0, 0, 0]] as [[UInt8]])
    func unrecorded(bytes: [UInt8]) throws {
        #expect(try RecordingDate(bytes: bytes[...], at: 0).unixTime == nil)
    }

    @Test("a.txt's date: GMT from xorriso, +05:30 from genisoimage; both the file's time, both byte-exact",
          .oracles("xorriso", "genisoimage"), arguments: StructureFixture.Maker.allCases)
    func fixture(maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        let raw = try #require(try fixture.rootRecords().first { $0.bytes[33..<40].elementsEqual("A.TXT;1".utf8) })
        let field = Array(raw.bytes[18..<25])
        let date = try RecordingDate(bytes: field[...], at: raw.offset + 18)
        #expect(date.encode() == field)
        #expect(date.unixTime == StructureFixture.fileTime)
        #expect(date.gmtOffsetQuarterHours == (maker == .genisoimage ? 22 : 0))
        // The decoder agrees with the record decoder reading the same bytes.
        #expect(try DirectoryRecord(bytes: raw.bytes[...], at: raw.offset).recordingDate == date)
    }

    @Test("fewer than seven bytes are truncated", arguments: 0...6)
    func truncated(count: Int) {
        let bytes = RecordingDate(unixTime: 1_600_000_000).encode().prefix(count)
        #expect(
            throws: DecodeError.truncated(structure: "recording date", offset: 0x100 + Int64(count), needed: 1, available: 0)
        ) { try RecordingDate(bytes: bytes, at: 0x100) }
    }
}
