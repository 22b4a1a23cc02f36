import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import DiskFormats

@Suite("PaxExtendedHeader")
struct PaxExtendedHeaderTests {
    @Test("round trip; lengths count their own digits", arguments: [1, 5, 90, 95, 996, 1000])
    func roundTrip(valueLength: Int) throws {
        let header = PaxExtendedHeader(records: [
            .init(keyword: "path", value: [UInt8](repeating: 0x61, count: valueLength)),
            .init(keyword: "SCHILY.xattr.user.x", value: [0, 1, 0x0A, 0xFF]),
        ])
        let bytes = header.encode()
        #expect(try PaxExtendedHeader(bytes: bytes[...], at: 0) == header)
        let length = Int(String(decoding: bytes.prefix { $0 != 0x20 }, as: UTF8.self))
        #expect(length == valueLength + 7 + String(length ?? 0).count)  // "N path=VALUE\n"
    }

    @Test("GNU tar's pax headers decode and re-encode byte for byte", .oracles("tar"))
    func gnuTarFixture() async throws {
        try await withTemporaryDirectory { directory in
            let root = try await TarFixture.tree(in: directory)
            let archive = directory + "/pax.tar"
            try await TarFixture.archive("tar", format: "posix", root: root, members: ["long"], to: archive)
            let image = try ImageReader(path: archive)
            var offset: Int64 = 0
            var keywords: Set<String> = []
            while offset < image.size {
                let block = try image.read(at: offset, count: 512, structure: "test")
                if block.allSatisfy({ $0 == 0 }) { break }
                let header = try TarHeader(bytes: block[...], at: offset)
                if header.type == .paxExtended {
                    let data = try image.read(at: offset + 512, count: Int(header.size), structure: "test")
                    let pax = try PaxExtendedHeader(bytes: data[...], at: offset + 512)
                    #expect(pax.encode() == data)
                    keywords.formUnion(pax.records.map(\.keyword))
                }
                offset += 512 + (header.size + 511) / 512 * 512
            }
            #expect(keywords.isSuperset(of: ["path", "linkpath", "uid", "gid", "atime"]))
        }
    }

    @Test("a record length past the data names the record's offset")
    func lengthPastEnd() {
        let bytes = Array("30 path=abc\n".utf8)
        #expect(throws: DecodeError.invalidValue(
            field: "pax record", offset: 0x600, reason: "length 30 does not fit the record or the 12 bytes left")) {
            try PaxExtendedHeader(bytes: bytes[...], at: 0x600)
        }
    }

    @Test("a record without its newline is refused")
    func missingNewline() {
        let bytes = Array("12 path=abcd".utf8)
        #expect(throws: DecodeError.invalidValue(field: "pax record", offset: 0, reason: "does not end with a newline")) {
            try PaxExtendedHeader(bytes: bytes[...], at: 0)
        }
    }
}
