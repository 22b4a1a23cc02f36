import BinaryIO
import Testing

@testable import DiskFormats

@Suite("FATDirectoryEntry")
struct FATDirectoryEntryTests {
    @Test("round trip keeps cluster halves, size and stamps")
    func roundTrip() throws {
        // 2023-11-14 22:13:21 UTC
        let entry = FATDirectoryEntry(
            name: try #require(FATShortName(exactly: "BOOTX64.EFI")), attributes: .archive, firstCluster: 0x0012_3456,
            fileSize: 1_000_000, unixTime: 1_700_000_001)
        let bytes = entry.encode()
        #expect(bytes.count == 32)
        let decoded = try FATDirectoryEntry(bytes: bytes[...], at: 64)
        #expect(decoded == entry)
        #expect(decoded.firstCluster == 0x0012_3456 && decoded.firstClusterHigh == 0x12)
        #expect(decoded.writeDate.year == 2023 && decoded.writeDate.month == 11 && decoded.writeDate.day == 14)
        #expect(decoded.writeTime.hour == 22 && decoded.writeTime.minute == 13 && decoded.writeTime.second == 20)
        #expect(decoded.creationTimeTenths == 100)
    }

    @Test("dates before 1980 clamp to 1980-01-01")
    func clamps() {
        let date = FATDate(unixTime: 0)
        #expect(date.year == 1980 && date.month == 1 && date.day == 1)
        #expect(FATDate(year: 2000, month: 2, day: 29).rawValue == 20 << 9 | 2 << 5 | 29)
        #expect(FATTime(hour: 23, minute: 59, second: 59).second == 58)
    }

    @Test("a long name entry is not a short entry")
    func longNameAttributes() {
        var bytes = FATDirectoryEntry(name: .dot, attributes: .directory, firstCluster: 2, fileSize: 0, unixTime: 0).encode()
        bytes[11] = 0x0F
        #expect(
            throws: DecodeError.invalidValue(
                field: "FAT directory entry attributes", offset: 11, reason: "0x0f marks a long name entry")
        ) { try FATDirectoryEntry(bytes: bytes[...], at: 0) }
    }
}
