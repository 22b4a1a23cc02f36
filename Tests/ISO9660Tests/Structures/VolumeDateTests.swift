import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ISO9660

@Suite("VolumeDate")
struct VolumeDateTests {
    /// Unix times from year 1 to year 9999, with a leap day and the 32-bit rollover.
    static let times: [Int64] = [-62_135_596_800, -2_208_988_800, 0, 951_825_600, 1_700_000_000, 2_147_483_648, 253_402_300_799]

    /// The instant `digits` (`YYYYMMDDHHMMSScc`) names at `offset` quarter hours east of GMT, by Foundation.
    static func foundationTime(_ digits: [UInt8], offset: Int8) throws -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(secondsFromGMT: Int(offset) * 900)
        formatter.dateFormat = "yyyyMMddHHmmss"
        let date = try #require(formatter.date(from: String(decoding: digits.prefix(14), as: UTF8.self)))
        return Int64(date.timeIntervalSince1970.rounded())
    }

    @Test("round trip through the 17 bytes", arguments: [-48, 0, 22, 52] as [Int8])
    func roundTrip(offset: Int8) throws {
        let date = VolumeDate(digits: Array("2023111422132045".utf8), gmtOffsetQuarterHours: offset)
        let bytes = date.encode()
        #expect(bytes == Array("2023111422132045".utf8) + [UInt8(bitPattern: offset)])
        #expect(try VolumeDate(bytes: bytes[...], at: 0x832D) == date)
    }

    @Test("Unix time round trip, checked against Foundation", arguments: times)
    func unixTime(time: Int64) throws {
        let date = VolumeDate(unixTime: time)
        #expect(date.unixTime == time)
        #expect(date.digits.suffix(2) == Array("00".utf8))
        // Foundation's Gregorian calendar is Julian before 1582-10-15; ours is proleptic Gregorian.
        if time >= -12_219_292_800 { #expect(try Self.foundationTime(date.digits, offset: 0) == time) }
    }

    @Test("unspecified: sixteen zeros, no Unix time; non-digits have none either")
    func unspecified() throws {
        #expect(VolumeDate.unspecified.encode() == Array(repeating: 0x30, count: 16) + [0])
        #expect(VolumeDate.unspecified.unixTime == nil && VolumeDate.unspecified.iso8601 == nil)
        let blank = try VolumeDate(bytes: Array(repeating: 0x20, count: 17)[...], at: 0)
        #expect(blank.unixTime == nil)
        #expect(blank.encode() == Array(repeating: 0x20, count: 17))
    }

    @Test("ISO 8601 text")
    func iso8601() {
        #expect(VolumeDate(unixTime: 1_700_000_000).iso8601 == "2023-11-14T22:13:20Z")
        #expect(VolumeDate(digits: Array("2023111503432000".utf8), gmtOffsetQuarterHours: 22).iso8601 == "2023-11-14T22:13:20Z")
    }

    @Test("the four volume dates re-encode byte-exact; xorriso's are SOURCE_DATE_EPOCH, genisoimage's are +05:30",
          .oracles("xorriso", "genisoimage"), arguments: StructureFixture.Maker.allCases)
    func fixture(maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        let primary = try fixture.primary()
        let dates = [primary.creationDate, primary.modificationDate, primary.expirationDate, primary.effectiveDate]
        for (index, date) in dates.enumerated() {
            let offset = 0x8000 + 813 + Int64(index) * 17
            let raw = try fixture.bytes(at: offset, count: 17)
            #expect(date.encode() == raw)
            #expect(try VolumeDate(bytes: raw[...], at: offset) == date)
        }
        #expect(primary.expirationDate.unixTime == nil)
        switch maker {
        case .xorriso:
            #expect(primary.creationDate.unixTime == StructureFixture.epoch)
            #expect(primary.modificationDate.unixTime == StructureFixture.epoch)
            #expect(primary.creationDate.gmtOffsetQuarterHours == 0)
            let info = try await Tool.run("xorriso", ["-indev", fixture.path, "-pvd_info"], environment: ["LC_ALL": "C"])
            let line = try #require(info.stdout.split(separator: "\n").first { $0.hasPrefix("Creation Time:") })
            #expect(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
                    == String(decoding: primary.creationDate.digits, as: UTF8.self))
        case .genisoimage:
            // genisoimage ignores SOURCE_DATE_EPOCH and writes the local time of the run with its offset.
            for date in [primary.creationDate, primary.modificationDate] {
                #expect(date.gmtOffsetQuarterHours == 22)
                #expect(date.unixTime == (try Self.foundationTime(date.digits, offset: 22)))
            }
        }
    }

    @Test("fewer than 17 bytes are truncated", arguments: [0, 10, 15, 16])
    func truncated(count: Int) {
        let bytes = VolumeDate(unixTime: 1_700_000_000).encode().prefix(count)
        let expected: DecodeError = count < 16
            ? .truncated(structure: "volume date", offset: 0x832D, needed: 16, available: count)
            : .truncated(structure: "volume date", offset: 0x832D + 16, needed: 1, available: 0)
        #expect(throws: expected) { try VolumeDate(bytes: bytes, at: 0x832D) }
    }
}
