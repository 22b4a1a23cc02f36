import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import DiskFormats

@Suite("TarHeader")
struct TarHeaderTests {
    static let sample = TarHeader(
        name: Array("usr/bin/busybox".utf8), mode: 0o4755, uid: 1000, gid: 100, size: 0o1234567,
        modificationTime: 1_700_000_000, userName: Array("user".utf8), groupName: Array("users".utf8),
        prefix: Array("some/prefix".utf8))

    @Test("round trip, with ustar and GNU magic, empty device fields and base-256 numbers")
    func roundTrip() throws {
        var header = Self.sample
        #expect(try TarHeader(bytes: header.encode()[...], at: 0) == header)
        #expect(header.fullName == Array("some/prefix/usr/bin/busybox".utf8))
        header.magic = TarHeader.gnuMagic
        header.deviceMajor = nil
        header.deviceMinor = nil
        header.uid = 3_000_000  // more than 7 octal digits: base-256
        header.size = 1 << 40  // more than 11 octal digits
        header.modificationTime = -1
        let bytes = header.encode()
        #expect(bytes.count == 512)
        #expect(bytes[108] == 0x80 && bytes[124] == 0x80 && bytes[136] == 0xFF)
        #expect(try TarHeader(bytes: bytes[...], at: 0) == header)
    }

    @Test("the layout GNU tar writes: zero-padded octal with a NUL, checksum as six digits, NUL and space")
    func layout() {
        let bytes = TarHeader(name: Array("f".utf8), mode: 0o644, size: 3, modificationTime: 0o15300524652).encode()
        #expect(String(decoding: bytes[100..<148], as: UTF8.self)
            == "0000644\0" + "0000000\0" + "0000000\0" + "00000000003\0" + "15300524652\0")
        let checksum = String(TarHeader.checksums(bytes[...]).unsigned, radix: 8)
        #expect(String(decoding: bytes[148..<156], as: UTF8.self) == "00" + checksum + "\0 " && checksum.count == 4)
        #expect(bytes[156] == 0x30 && Array(bytes[257..<265]) == TarHeader.ustarMagic)
    }

    @Test("GNU tar headers decode and re-encode byte for byte", .oracles("tar"), arguments: ["gnu", "ustar", "posix"])
    func gnuTarFixture(format: String) async throws {
        try await withTemporaryDirectory { directory in
            let root = try await TarFixture.tree(in: directory)
            let archive = directory + "/fixture.tar"
            try await TarFixture.archive("tar", format: format, root: root, members: ["short"], to: archive)
            let image = try ImageReader(path: archive)
            var offset: Int64 = 0
            var checked = 0
            while true {
                let block = try image.read(at: offset, count: 512, structure: "test")
                if block.allSatisfy({ $0 == 0 }) { break }
                let header = try TarHeader(bytes: block[...], at: offset)
                #expect(header.encode() == block, "header at \(offset)")
                checked += 1
                offset += 512 + (header.size + 511) / 512 * 512
            }
            #expect(checked >= 10)
        }
    }

    @Test("a corrupt byte fails the checksum")
    func badChecksum() {
        var bytes = Self.sample.encode()
        bytes[200] = 0x41
        let computed = UInt64(TarHeader.checksums(bytes[...]).unsigned)
        #expect(throws: DecodeError.badChecksum(
            structure: "tar header", offset: 0x2000, stored: computed - 0x41, computed: computed)) {
            try TarHeader(bytes: bytes[...], at: 0x2000)
        }
    }

    @Test("a wrong magic is a bad signature")
    func badMagic() {
        var bytes = Self.sample.encode()
        bytes[257] = 0x55  // "Ustar"
        #expect(throws: DecodeError.badSignature(
            structure: "tar header", offset: 257, expected: TarHeader.ustarMagic,
            found: Array("Ustar".utf8) + [0, 0x30, 0x30])) { try TarHeader(bytes: bytes[...], at: 0) }
    }

    @Test("a non-octal digit names its field")
    func nonOctal() {
        var bytes = Self.sample.encode()
        bytes[124 + 3] = 0x38  // "8" in size
        #expect(throws: DecodeError.invalidValue(
            field: "tar size", offset: 124, reason: "\"00081234567?\" is not an octal number")) {
            try TarHeader(bytes: bytes[...], at: 0)
        }
    }

    @Test("fewer than 512 bytes are truncated")
    func truncated() {
        #expect(throws: DecodeError.truncated(structure: "tar header", offset: 0x400, needed: 512, available: 100)) {
            try TarHeader(bytes: Self.sample.encode()[..<100], at: 0x400)
        }
    }
}
