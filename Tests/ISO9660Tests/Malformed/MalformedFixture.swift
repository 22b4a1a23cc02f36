import BinaryIO
import Foundation
import ISO9660
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A valid image made at test time, to be damaged in place by one ``Damage``.
///
/// The scratch directory holds `tree/` (the source), `image.iso`, `outside/` (where an escaping write would land)
/// and `parent/target/` (where extraction writes). After any extraction, `outside/` must stay empty and `parent/`
/// must hold nothing but `target/`.
struct MalformedFixture {
    /// Which tool wrote the valid image.
    enum Maker: String, CaseIterable, Sendable {
        /// ``ISOCreator`` with Rock Ridge and Joliet.
        case isokit
        /// `xorriso -as mkisofs -R -J`.
        case xorriso
    }

    let scratch: TemporaryDirectory
    let maker: Maker

    /// The image to damage.
    var image: String { scratch.path("image.iso") }
    /// A directory beside the extraction's parent: symbolic links in the image point here.
    var outside: String { scratch.path("outside") }
    /// The directory holding the extraction target; it must never hold anything else.
    var parent: String { scratch.path("parent") }
    /// Where extraction writes.
    var target: String { scratch.path("parent/target") }

    /// The length of the two names whose Rock Ridge NM entries spill into continuation areas.
    static let longNameLength = 220
    /// Two long names: each record needs a continuation area (CE) for the rest of its NM entry.
    static let longNames = [String(repeating: "n", count: longNameLength), String(repeating: "m", count: longNameLength)]
    /// The directory that is deep enough to be relocated (RRIP §4.1.5): depth 9 counting the root as 1.
    static let deepPath = "/deep/1/2/3/4/5/6/7/8"
    /// Directories whose Rock Ridge names hostile-name damage replaces; each holds `payload.txt`.
    static let nameTargets = ["zz", "q", "abc", "etcpasswd00", "emptyname", "nul"]

    /// Writes the source tree and makes the image with `maker`.
    init(_ maker: Maker) async throws {
        self.maker = maker
        scratch = try TemporaryDirectory(prefix: "isokit-malformed")
        let tree = scratch.path("tree")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileTree.write(Self.tree(outside: outside), under: tree, modificationTime: 1_700_000_000)
        switch maker {
        case .isokit:
            var options = ISOWriterOptions()
            options.sourceDateEpoch = 1_700_000_000
            _ = try ISOCreator.create(from: tree, to: image, options: options)
        case .xorriso:
            try await Tool.run(
                "xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-o", image, tree],
                environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        }
    }

    /// The source tree: plain files and directories, names long enough for continuation areas, a tree deep enough
    /// for relocation, targets for hostile names, and symbolic links that point outside the extraction target.
    static func tree(outside: String) -> [String: FileTree.Node] {
        var nodes: [String: FileTree.Node] = [
            "README.txt": .text("hello\n"),
            "data.bin": .file(pattern(count: 7000, seed: 3)),
            "a/b/c.txt": .text("c\n"),
            "a/b/d/": .directory(),
            String(deepPath.dropFirst()) + "/leaf.txt": .text("deep\n"),
            "link": .symlink("README.txt"),
            "etclink": .symlink("/etc"),
            "up": .symlink("../../.."),
            // `evil` is a directory; the links beside it get its name by damage, before (`evik`) and after (`evim`)
            // it in ISO 9660 order, pointing outside absolutely and relatively (target/../../outside).
            "evil/x": .text("written through a link?\n"),
            "evik": .symlink(outside),
            "evim": .symlink("../../outside"),
            // `sym2` is a regular file that damage renames to `sym1`, a link to a file outside.
            "sym1": .symlink(outside + "/file"),
            "sym2": .text("written through a link?\n"),
        ]
        for name in longNames { nodes[name] = .text("long\n") }
        for name in nameTargets { nodes[name + "/payload.txt"] = .text("payload\n") }
        return nodes
    }

    /// Deterministic filler bytes.
    static func pattern(count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }

    // MARK: Finding structures in the intact image

    /// The entry at `path` in `namespace`, read before any damage.
    func entry(_ path: String, namespace: Namespace = .rockRidge) throws -> ISOEntry {
        try ISOImage(path: image, namespace: namespace).entry(at: path)
    }

    /// The absolute offset of the (first) directory record of `path`.
    func recordOffset(_ path: String, namespace: Namespace = .rockRidge) throws -> Int64 {
        try entry(path, namespace: namespace).recordOffset
    }

    /// The byte offset of a directory's extent.
    func extentOffset(_ path: String, namespace: Namespace = .rockRidge) throws -> Int64 {
        Int64(try extentLBA(path, namespace: namespace)) * 2048
    }

    /// The first LBA of the extent of `path`.
    func extentLBA(_ path: String, namespace: Namespace = .rockRidge) throws -> UInt32 {
        let found = try entry(path, namespace: namespace)
        guard let extent = found.extents.first else { throw FixtureError.missing("extent of \(path)") }
        return extent.lba
    }

    /// The name the reader gives `path` before Rock Ridge is applied (ISO 9660 identifier without `;1` and dot),
    /// as it appears in errors raised while reading the record's SUSP entries.
    func isoPath(of path: String) throws -> String {
        let offset = try recordOffset(path)
        let iso = try ISOImage(path: image, namespace: .iso9660)
        var found: String?
        try iso.walk(from: iso.root()) { entry in
            if entry.recordOffset == offset { found = entry.path }
        }
        guard let found else { throw FixtureError.missing("ISO 9660 name of \(path)") }
        return found
    }

    /// The absolute offset where the system use field of the record at `recordOffset` starts.
    func systemUseOffset(ofRecordAt recordOffset: Int64) throws -> Int64 {
        let identifierLength = Int(try read(at: recordOffset + 32, count: 1)[0])
        return recordOffset + 33 + Int64(identifierLength + (identifierLength % 2 == 0 ? 1 : 0))
    }

    /// The absolute offset of the first SUSP entry with `signature` (and, if given, exactly `data` after its
    /// 4-byte header) in the record of `path`, followed through its system use field only.
    func systemUseEntry(_ signature: String, data: [UInt8]? = nil, of path: String) throws -> Int64 {
        let record = try recordOffset(path)
        let recordLength = Int64(try read(at: record, count: 1)[0])
        var offset = try systemUseOffset(ofRecordAt: record)
        while offset + 4 <= record + recordLength {
            let header = try read(at: offset, count: 4)
            let length = Int(header[2])
            guard length >= 4 else { break }
            let found = String(decoding: header[0..<2], as: UTF8.self)
            if found == signature, try data.map({ try read(at: offset + 4, count: $0.count) == $0 }) ?? true {
                return offset
            }
            offset += Int64(length)
        }
        throw FixtureError.missing("\(signature) entry of \(path)")
    }

    /// Where the continuation area the CE entry at `ceOffset` points to starts.
    func continuationTarget(ofEntryAt ceOffset: Int64) throws -> (offset: Int64, length: UInt32) {
        let block = try uint32LE(at: ceOffset + 4)
        let inside = try uint32LE(at: ceOffset + 12)
        let length = try uint32LE(at: ceOffset + 20)
        return (Int64(block) * 2048 + Int64(inside), length)
    }

    /// The offset of `name`'s identifier bytes in the Joliet record of `path`.
    func jolietIdentifierOffset(_ path: String) throws -> Int64 {
        try recordOffset(path, namespace: .joliet) + 33
    }

    // MARK: Damage

    /// The image's size in bytes.
    func size() throws -> Int64 { try ImageReader(path: image).size }

    /// Reads bytes of the image.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        try ImageReader(path: image).read(at: offset, count: count, structure: "fixture")
    }

    /// A little-endian 32-bit value of the image.
    func uint32LE(at offset: Int64) throws -> UInt32 {
        try read(at: offset, count: 4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Overwrites bytes of the image.
    func patch(_ bytes: [UInt8], at offset: Int64) throws {
        let descriptor = open(image, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FixtureError.system("open \(image)", errno) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count else { throw FixtureError.system("pwrite \(image)", errno) }
    }

    /// Cuts the image (or extends it with a hole) to `size` bytes.
    func truncate(to size: Int64) throws {
        guard Glibc.truncate(image, off_t(size)) == 0 else { throw FixtureError.system("truncate \(image)", errno) }
    }

    /// Appends `bytes` at the next 2048-byte boundary after the end and returns their LBA.
    func appendBlocks(_ bytes: [UInt8]) throws -> UInt32 {
        let end = try size()
        let lba = (end + 2047) / 2048
        try patch(bytes, at: lba * 2048)
        return UInt32(lba)
    }

    /// A both-byte-order 32-bit field (ECMA-119 §7.3.3).
    static func bothEndian(_ value: UInt32) -> [UInt8] {
        let little = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        return little + little.reversed()
    }

    /// Everything extraction left outside the target: entries of `outside/`, and of `parent/` other than `target`.
    func escapes() throws -> [String] {
        let files = FileManager.default
        let strays = try files.contentsOfDirectory(atPath: parent).filter { $0 != "target" }.map { "parent/\($0)" }
        return strays + (try files.contentsOfDirectory(atPath: outside).map { "outside/\($0)" })
    }
}

/// A fixture could not be made or located.
enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    case system(String, Int32)

    var description: String {
        switch self {
        case let .missing(what): "fixture has no \(what)"
        case let .system(call, code): "\(call): errno \(code)"
        }
    }
}
