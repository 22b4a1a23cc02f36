import Testing
@testable import ISO9660

@Suite("SystemUseEntry encodedLength")
struct SystemUseEntryLengthTests {
    static let entries: [SystemUseEntry] = [
        .sharingProtocol(skipBytes: 0),
        .continuation(ContinuationArea(blockLBA: 20, offset: 100, length: 60)),
        .padding(length: 9),
        .terminator,
        .extensionsReference(.rockRidge112),
        .rockRidgeFlags(0x81),
        .posixAttributes(POSIXAttributes(mode: 0o100644, links: 1, uid: 0, gid: 0)),
        .posixAttributes(POSIXAttributes(mode: 0o100644, links: 1, uid: 0, gid: 0, serial: 7)),
        .deviceNumber(high: 8, low: 1),
        .childLink(30), .parentLink(31), .relocatedDirectory,
        .timestamps(TimestampsEntry(longForm: false, modification: 1_700_000_000, access: 1_700_000_001)),
        .timestamps(TimestampsEntry(longForm: true, creation: 1, modification: 2, access: 3, attributeChange: 4)),
        .unknown(signature: Array("ZF".utf8), version: 1, data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ] + SymbolicLinkEntry.entries(forTarget: Array("../lib/a-very-long-component/x".utf8)).map { .symbolicLink($0) }
        + AlternateNameEntry.entries(for: Array(String(repeating: "n", count: 300).utf8)).map { .alternateName($0) }

    @Test("equals the encoded byte count for every entry kind", arguments: entries)
    func matchesEncoding(_ entry: SystemUseEntry) {
        #expect(entry.encodedLength == entry.encode().count)
    }
}
