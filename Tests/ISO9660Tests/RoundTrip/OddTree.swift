import CIsokitLinux
import Foundation
import ISO9660
import TestSupport

/// A source tree with everything that is hard to get right, written to an image by ``ISOCreator``: odd names
/// (Unicode with combining marks and emoji, 200 characters, spaces, case twins, many dots), a 12-level directory
/// chain (relocated), symbolic links (relative, absolute, dangling, to a directory), a file with three hard links
/// in two directories, empty files, a FIFO, device nodes (when run as root), sizes around a block, and a sparse
/// 4.5 GiB file with a few real bytes.
struct OddTree {
    /// The modification and access time of every node but those in ``times``.
    static let fileTime: Int64 = 1_600_000_000
    /// Nodes with other times: before 1970 and after 2038 (Rock Ridge TF holds 1900…2155).
    static let times: [String: Int64] = ["old.txt": -315_619_200, "future.txt": 4_102_444_800]

    /// The time the node at `path` has in the source.
    static func time(of path: RawPath) -> Int64 { times[path.description] ?? fileTime }
    /// 4.5 GiB: more than one extent can hold (ECMA-119 §9.1.4 lengths are 32 bits).
    static let sparseSize: Int64 = 4_831_838_208
    static let sparseName = "sparse-4.5G.img"
    /// The first extent of a multi-extent file: the largest whole number of blocks below 4 GiB.
    static let firstExtentLength: Int64 = 4_294_965_248
    /// The real bytes of the sparse file: at the start, in the middle, across the end of the first extent, at the end.
    static let sparseRegions: [(offset: Int64, bytes: [UInt8])] = [
        (0, Array("START".utf8)), (sparseSize / 2, Array("MIDDLE".utf8)),
        (firstExtentLength - 3, Array("ACROSS".utf8)), (sparseSize - 3, Array("END".utf8)),
    ]
    /// The chain `d1/d2/…/d12`.
    static let deepChain = (1...12).map { "d\($0)" }.joined(separator: "/")
    /// 200 characters.
    static let longName = String(repeating: "long-name-", count: 19) + "0123456789"
    static let regularNames = [
        "with space.txt", "two  spaces.txt", "Case.txt", "case.txt", "CASE.TXT", "archive.tar.gz", "a.b.c.d.e",
        "été-café.txt", "e\u{301}cole-nfd.txt", "😀-rocket-🚀.txt", "名前.txt", longName, "readonly.txt",
        "semi;colon.txt", "colon:name", "star*q?.txt", "back\\slash", "trailing.", ".hidden", "file;1",
        "old.txt", "future.txt", maxName,
    ]
    /// 255 bytes, the most Linux allows, in two-byte characters: more than fits one directory record's NM.
    static let maxName = String(repeating: "é", count: 127) + "x"
    /// A symbolic link target of 449 bytes in 30 components, which needs a continuation area.
    static let longTarget = "/" + (0..<30).map { "component-\($0 < 10 ? "0" : "")\($0)" }.joined(separator: "/")
    /// Sizes around one block, and one over a mebibyte.
    static let sizes = [0, 1, 2047, 2048, 2049, (1 << 20) + 3]
    static let symlinks = [
        "rel-link": "with space.txt", "abs-link": "/etc/hostname", "dangling": "does/not/exist",
        "dir-link": "d1/d2", "sub/up-link": "../archive.tar.gz", "long-link": longTarget,
    ]
    static let hardLinks = ["hard1", "sub/hard2", "sub/hard3"]
    /// Device nodes, made only by root: a small number, a block device, and a minor number over 255.
    static let devices: [(name: String, kind: EntryKind, major: UInt32, minor: UInt32)] = [
        ("char-null", .characterDevice, 1, 3), ("block-loop", .blockDevice, 7, 0), ("char-big", .characterDevice, 259, 65537),
    ]
    /// Whether device nodes can be made (and so are in the tree).
    static var makesDevices: Bool { geteuid() == 0 }

    let directory: TemporaryDirectory
    /// The source tree.
    let source: String

    /// Deterministic filler bytes for `name`.
    static func contents(_ name: String, count: Int) -> [UInt8] {
        var state = UInt32(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) })
        return (0..<count).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }

    /// Writes the tree.
    init() throws {
        directory = try TemporaryDirectory(prefix: "isokit-roundtrip")
        source = directory.path("source")
        var nodes: [String: FileTree.Node] = [
            "sub/": .directory(mode: 0o750), "sticky/": .directory(mode: 0o1777), "empty-dir/": .directory(),
            "\(Self.deepChain)/leaf.txt": .text("at the bottom\n"), "empty": .file([]), "sub/empty-too": .file([]),
        ]
        for name in Self.regularNames {
            nodes[name] = .file(Self.contents(name, count: 64 + name.utf8.count), mode: name == "readonly.txt" ? 0o444 : 0o644)
        }
        for size in Self.sizes {
            nodes["size-\(size)"] = .file(Self.contents("size-\(size)", count: size), mode: size == 1 ? 0o600 : size == 2047 ? 0o755 : 0o644)
        }
        for (path, target) in Self.symlinks { nodes[path] = .symlink(target) }
        nodes[Self.hardLinks[0]] = .text("one file, three names\n", mode: 0o640)
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try FileTree.write(nodes, under: source)
        for name in Self.hardLinks.dropFirst() {
            guard link(source + "/" + Self.hardLinks[0], source + "/" + name) == 0 else {
                throw FixtureFailure("link \(name): errno \(errno)")
            }
        }
        guard mkfifo(source + "/fifo", 0o644) == 0 else { throw FixtureFailure("mkfifo: errno \(errno)") }
        if Self.makesDevices { try Self.makeDevices(Self.devices, under: source) }
        try Self.writeSparse(source + "/" + Self.sparseName)
        try Self.setTimes(under: source)
    }

    /// `mknod` for each of `devices`, mode 0640.
    static func makeDevices(_ devices: [(name: String, kind: EntryKind, major: UInt32, minor: UInt32)], under root: String) throws {
        for device in devices {
            let mode = mode_t(device.kind.modeBits | 0o640)
            guard mknod(root + "/" + device.name, mode, dev_t(isokit_makedev(device.major, device.minor))) == 0 else {
                throw FixtureFailure("mknod \(device.name): errno \(errno)")
            }
        }
    }

    /// `truncate -s 4.5G` and a few real bytes.
    static func writeSparse(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FixtureFailure("create \(path): errno \(errno)") }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(sparseSize)) == 0 else { throw FixtureFailure("ftruncate: errno \(errno)") }
        for (offset, bytes) in sparseRegions {
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, bytes.count, off_t(offset)) }
            guard written == bytes.count else { throw FixtureFailure("pwrite at \(offset): errno \(errno)") }
        }
    }

    /// Gives every node its ``time(of:)``, children before parents, links themselves rather than their targets.
    static func setTimes(under root: String) throws {
        let paths = try HostTree.scan(root).keys.map { ($0, root + "/" + $0.description) } + [(RawPath(""), root)]
        for (relative, path) in paths.sorted(by: { $0.1.utf8.count > $1.1.utf8.count }) {
            let time = timespec(tv_sec: Int(Self.time(of: relative)), tv_nsec: 0)
            guard utimensat(AT_FDCWD, path, [time, time], AT_SYMLINK_NOFOLLOW) == 0 else {
                throw FixtureFailure("utimensat \(path): errno \(errno)")
            }
        }
    }

    /// Writes the tree as `name` next to it with `options`.
    @discardableResult
    func create(_ name: String = "odd.iso", options: ISOWriterOptions = ISOWriterOptions()) throws -> String {
        let image = directory.path(name)
        _ = try ISOCreator.create(from: source, to: image, options: options)
        return image
    }

    /// The source tree as lstat sees it.
    func scan() throws -> [RawPath: HostFile] { try HostTree.scan(source) }

    /// The source listing: what every Rock Ridge reader should report.
    func listing() throws -> Listing { HostTree.listing(try scan()) }

    /// Checksums of every source file except the sparse one.
    func checksums() throws -> [RawPath: UInt64] { try HostTree.checksums(try scan(), under: source) }
}
