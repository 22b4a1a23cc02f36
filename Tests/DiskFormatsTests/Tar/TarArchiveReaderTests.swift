import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import DiskFormats

#if canImport(Glibc)
import Glibc
#endif

@Suite("TarArchiveReader")
struct TarArchiveReaderTests {
    /// One entry in the layout of `tar --numeric-owner -tvf` (UTC), with our normalised path.
    static func listed(_ entry: TarEntry) -> String {
        let kinds: [TarEntry.Kind: Character] = [
            .regular: "-", .hardLink: "h", .symbolicLink: "l", .characterDevice: "c", .blockDevice: "b",
            .directory: "d", .fifo: "p",
        ]
        var mode = String(kinds[entry.kind] ?? "?")
        let bits = entry.permissions
        for (shift, special, lower, upper) in [(6, 0o4000, "s", "S"), (3, 0o2000, "s", "S"), (0, 0o1000, "t", "T")] {
            mode += bits >> (shift + 2) & 1 == 1 ? "r" : "-"
            mode += bits >> (shift + 1) & 1 == 1 ? "w" : "-"
            let execute = bits >> shift & 1 == 1
            mode += bits & UInt32(special) != 0 ? (execute ? lower : upper) : (execute ? "x" : "-")
        }
        let size = entry.kind == .characterDevice || entry.kind == .blockDevice
            ? "\(entry.deviceMajor),\(entry.deviceMinor)" : entry.kind == .regular ? String(entry.size) : "0"
        var line = "\(mode) \(entry.uid)/\(entry.gid) \(size) 2023-11-14 22:13 \(entry.path)"
        if entry.kind == .symbolicLink { line += " -> " + entry.linkTargetText }
        if entry.kind == .hardLink { line += " link to " + entry.linkTargetText }
        return line
    }

    @Test(
        "reads what GNU tar and bsdtar write as tar -tv lists it", .oracles("tar", "bsdtar"),
        arguments: ["gnu", "posix", "ustar", "bsdtar", "bsdtar-ustar"])
    func matchesTarListing(archiver: String) async throws {
        try await withTemporaryDirectory { directory in
            let root = try await TarFixture.tree(in: directory)
            let archive = directory + "/fixture.tar"
            let portable = archiver.hasSuffix("ustar")
            let members = portable ? ["short"] : ["short", "long"]
            if archiver.hasPrefix("bsdtar") {
                try await TarFixture.archive("bsdtar", format: portable ? "ustar" : nil, root: root, members: members, to: archive)
            } else {
                try await TarFixture.archive("tar", format: archiver, root: root, members: members, to: archive)
            }
            var reader = try TarArchiveReader(path: archive)
            let entries = try reader.readAll()
            #expect(entries.map(Self.listed) == (try await TarFixture.gnuListing(archive)))
            #expect(entries.allSatisfy { $0.modificationTime == TarFixture.epoch })
            let tool = try #require(entries.first { $0.path == "short/usr/bin/tool" })
            let image = try ImageReader(path: archive)
            let data = try image.read(at: tool.dataOffset, count: Int(tool.size), structure: "test")
            #expect(data == Array(try ContentCompare.contents(of: root + "/short/usr/bin/tool")))
            #expect(try reader.next() == nil && reader.finished)
        }
    }

    @Test("pax xattrs from GNU tar and bsdtar", .oracles("tar", "bsdtar"), arguments: ["tar", "bsdtar"])
    func extendedAttributes(tool: String) async throws {
        try await withTemporaryDirectory { directory in
            let root = try await TarFixture.tree(in: directory)
            let archive = directory + "/xattrs.tar"
            try await TarFixture.archive(
                tool, format: tool == "tar" ? "posix" : "pax", root: root, members: ["short/usr/bin"], to: archive,
                xattrs: true)
            var reader = try TarArchiveReader(path: archive)
            let tool = try #require(try reader.readAll().first { $0.path == "short/usr/bin/tool" })
            #expect(tool.extendedAttributes == [.init(name: Array("user.isokit".utf8), value: Array("caps".utf8))])
        }
    }

    @Test("./ prefixes, leading slashes and trailing slashes are dropped; ./ itself is the root")
    func normalisedPaths() async throws {
        try await withTemporaryDirectory { directory in
            let archive = directory + "/paths.tar"
            let headers = ["./", "/abs/file", "./a//b/./c/", "x/."].map { name in
                TarHeader(name: Array(name.utf8), type: name.hasSuffix("/") ? .directory : .regular).encode()
            }
            try Data((headers.joined() + [UInt8](repeating: 0, count: 1024))).write(to: URL(fileURLWithPath: archive))
            var reader = try TarArchiveReader(path: archive)
            #expect(try reader.readAll().map(\.path) == ["", "abs/file", "a/b/c", "x"])
        }
    }

    @Test("a .. component is refused, naming the path and the header offset")
    func dotDot() async throws {
        try await withTemporaryDirectory { directory in
            let archive = directory + "/evil.tar"
            let first = TarHeader(name: Array("ok".utf8), size: 3).encode() + Array("abc".utf8) + [UInt8](repeating: 0, count: 509)
            let evil = TarHeader(name: Array("a/../../etc/passwd".utf8)).encode()
            try Data(first + evil).write(to: URL(fileURLWithPath: archive))
            var reader = try TarArchiveReader(path: archive)
            _ = try reader.next()
            #expect(throws: DecodeError.invalidValue(
                field: "tar path", offset: 1024, reason: "\"a/../../etc/passwd\" has a \"..\" component")) {
                try reader.next()
            }
        }
    }

    @Test("a corrupt checksum is reported at its header")
    func corruptChecksum() async throws {
        try await withTemporaryDirectory { directory in
            let archive = directory + "/bad.tar"
            var bytes = TarHeader(name: Array("a".utf8)).encode() + TarHeader(name: Array("b".utf8)).encode()
            let expected = TarHeader.checksums(bytes[512..<1024]).unsigned
            bytes[512 + 1] = 0x21  // "b!": the stored checksum no longer matches
            try Data(bytes).write(to: URL(fileURLWithPath: archive))
            var reader = try TarArchiveReader(path: archive)
            #expect(try reader.next()?.path == "a")
            #expect(throws: DecodeError.badChecksum(
                structure: "tar header", offset: 512, stored: UInt64(expected), computed: UInt64(expected + 0x21))) {
                try reader.next()
            }
        }
    }

    @Test("data running past the end of the file is truncated")
    func truncatedData() async throws {
        try await withTemporaryDirectory { directory in
            let archive = directory + "/short.tar"
            try Data(TarHeader(name: Array("big".utf8), size: 4096).encode() + [1, 2, 3])
                .write(to: URL(fileURLWithPath: archive))
            var reader = try TarArchiveReader(path: archive)
            #expect(throws: DecodeError.truncated(structure: "tar data of big", offset: 512, needed: 4096, available: 3)) {
                try reader.next()
            }
        }
    }

    @Test("extension members past 16 MiB before one member are refused")
    func extensionLimit() async throws {
        try await withTemporaryDirectory { directory in
            let archive = directory + "/huge.tar"
            let size: Int64 = 9 << 20  // two of these pass the limit
            let header = TarHeader(name: Array("././@LongLink".utf8), size: size, type: .gnuLongName).encode()
            try Data(header).write(to: URL(fileURLWithPath: archive))
            let second = 512 + size
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: archive))
            try handle.seek(toOffset: UInt64(second))
            try handle.write(contentsOf: Data(header))
            try handle.truncate(atOffset: UInt64(second + 512 + size + 1024))
            try handle.close()
            var reader = try TarArchiveReader(path: archive)
            #expect(throws: DecodeError.fieldOutOfRange(
                field: "tar extension size", offset: second + 124, value: UInt64(2 * size), limit: 16 << 20)) {
                try reader.next()
            }
        }
    }

    @Test("a pax global header applies to later members; a local empty value cancels it")
    func globalHeader() async throws {
        try await withTemporaryDirectory { directory in
            let archive = directory + "/global.tar"
            func member(_ type: TarEntryType, _ data: [UInt8], name: String = "pax") -> [UInt8] {
                let padding = (512 - data.count % 512) % 512
                return TarHeader(name: Array(name.utf8), size: Int64(data.count), type: type).encode() + data
                    + [UInt8](repeating: 0, count: padding)
            }
            let global = PaxExtendedHeader(records: [.init(keyword: "uid", value: Array("42".utf8))]).encode()
            let local = PaxExtendedHeader(records: [
                .init(keyword: "uid", value: []), .init(keyword: "path", value: Array("long/name".utf8)),
                .init(keyword: "LIBARCHIVE.xattr.user.a%3Db", value: Array("dmFsdWU=".utf8)),
            ]).encode()
            let bytes = member(.paxGlobal, global) + member(.regular, [], name: "one") + member(.paxExtended, local)
                + member(.regular, [], name: "two") + [UInt8](repeating: 0, count: 1024)
            try Data(bytes).write(to: URL(fileURLWithPath: archive))
            var reader = try TarArchiveReader(path: archive)
            let entries = try reader.readAll()
            #expect(entries.map(\.uid) == [42, 0])
            #expect(entries.map(\.path) == ["one", "long/name"])
            #expect(entries[1].headerOffset == 1536 && entries[1].dataOffset == 3072)
            #expect(entries[1].extendedAttributes == [.init(name: Array("user.a=b".utf8), value: Array("value".utf8))])
        }
    }
}
