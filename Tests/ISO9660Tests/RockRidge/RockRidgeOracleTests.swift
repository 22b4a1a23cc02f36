import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

/// Reads the Rock Ridge entries of images made by real mastering tools: every system use field and continuation
/// area must decode and re-encode to the same bytes, and the merged attributes must match the tree on disk.
@Suite("Rock Ridge oracle fixtures")
struct RockRidgeOracleTests {
    /// What the test puts in the tree for one path.
    struct Expected {
        var mode: UInt32
        var symlinkTarget: String?
    }

    static let fileTime: Int64 = 1_600_000_000
    static let longName = String(repeating: "long-name-", count: 25)
    static let unicodeName = "ünïcødé-名前.txt"
    /// A target with a 250-byte component, which must be split over two component records.
    static let longComponentTarget =
        "/" + String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: 60) + "/"
        + String(repeating: "x", count: 250)
    /// A target of many short components (205 bytes), which does not fit in the directory record.
    static let manyComponentTarget = "/" + (1000...1040).map(String.init).joined(separator: "/")

    /// Builds the source tree under `root` (made if missing); returns what each path should look like in the image.
    static func makeTree(at root: String, longTarget: String) throws -> [String: Expected] {
        var nodes: [String: FileTree.Node] = [:]
        var expected: [String: Expected] = [:]
        func file(_ path: String, mode: UInt16) {
            nodes[path] = .text("\(path)\n", mode: mode)
            expected[path] = Expected(mode: 0o100000 | UInt32(mode))
        }
        func link(_ path: String, to target: String) {
            nodes[path] = .symlink(target)
            expected[path] = Expected(mode: 0o120777, symlinkTarget: target)
        }
        nodes["sub"] = .directory(mode: 0o751)
        expected["sub"] = Expected(mode: 0o040751)
        nodes["deep/1/2/3/4/5/6/7/8/9"] = .directory()
        file("a.txt", mode: 0o640)
        file("private", mode: 0o600)
        file("script.sh", mode: 0o755)
        file(longName, mode: 0o644)
        file(unicodeName, mode: 0o444)
        file("deep/1/2/3/4/5/6/7/8/9/leaf", mode: 0o644)
        link("link-abs", to: "/usr/bin/env")
        link("up", to: "..")
        link("dot", to: ".")
        link("long-link", to: longTarget)
        link("sub/link-rel", to: "../a.txt")
        try FileTree.write(nodes, under: root, modificationTime: fileTime)
        return expected
    }

    /// One directory record's Rock Ridge view, as the walk found it.
    struct Found {
        var attributes: RockRidgeAttributes
        var extentLBA: UInt32
        var isDirectory: Bool
    }

    /// A throwaway ISO 9660 directory walker (ECMA-119 §9.1 record layout) that checks each system use area.
    struct Walker {
        let image: [UInt8]
        var found: [String: Found] = [:]
        var dotDotParentLinks: [UInt32] = []
        var areasChecked = 0

        static func le32(_ bytes: [UInt8], _ index: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(bytes[index + $1]) << (8 * $1) }
        }

        /// Decodes `count` bytes at `offset`, checks that they re-encode to the same bytes (up to trailing zero
        /// padding), and returns the entries.
        mutating func area(at offset: Int, count: Int) throws -> [SystemUseEntry] {
            let bytes = image[offset..<(offset + count)]
            let entries = try SystemUseArea.decode(bytes, at: Int64(offset))
            var encoded = SystemUseArea.encode(entries)
            #expect(encoded.count <= count)
            encoded += Array(repeating: 0, count: max(0, count - encoded.count))
            #expect(encoded == Array(bytes), "system use area at \(offset) does not re-encode byte-exact")
            areasChecked += 1
            return entries
        }

        mutating func walk(extentLBA: UInt32, size: UInt32, path: String, depth: Int = 0) throws {
            try #require(depth < 20)
            let start = Int(extentLBA) * 2048
            var index = start
            while index < start + Int(size) {
                let length = Int(image[index])
                if length == 0 {
                    index = (index / 2048 + 1) * 2048
                    continue
                }
                let record = Array(image[index..<(index + length)])
                let nameLength = Int(record[32])
                let systemUseStart = 33 + nameLength + (nameLength.isMultiple(of: 2) ? 1 : 0)
                var entries = try area(at: index + systemUseStart, count: length - systemUseStart)
                var pending = entries
                var hops = 0
                while let next = pending.lazy.compactMap({ entry -> ContinuationArea? in
                    if case .continuation(let area) = entry { area } else { nil }
                }).first {
                    hops += 1
                    try #require(hops < 8)
                    pending = try area(at: Int(next.byteOffset()), count: Int(next.length))
                    entries += pending
                }
                let attributes = try RockRidgeAttributes(entries: entries)
                let isDirectory = record[25] & 2 != 0
                let extent = Self.le32(record, 2)
                let identifier = record[33..<(33 + nameLength)]
                if identifier.elementsEqual([1]) {
                    if let parent = attributes.parentLinkLBA { dotDotParentLinks.append(parent) }
                } else if !identifier.elementsEqual([0]) {
                    let name = try #require(attributes.name, "record without NM in \(path)")
                    let childPath = path.isEmpty ? name : "\(path)/\(name)"
                    found[childPath] = Found(attributes: attributes, extentLBA: extent, isDirectory: isDirectory)
                    if isDirectory {
                        try walk(extentLBA: extent, size: Self.le32(record, 10), path: childPath, depth: depth + 1)
                    } else if let child = attributes.childLinkLBA {
                        // A relocated directory (RRIP §4.1.5.1): its size is in its own "." record.
                        let size = Self.le32(Array(image[(Int(child) * 2048)..<(Int(child) * 2048 + 34)]), 10)
                        try walk(extentLBA: child, size: size, path: childPath, depth: depth + 1)
                    }
                }
                index += length
            }
        }
    }

    /// The tools, their options, and the long link target each can write correctly (genisoimage 1.1 writes an SL
    /// entry over 255 bytes for a 250-byte component; see ``genisoimageLongComponent()``).
    static let tools: [(tool: String, arguments: [String], longTarget: String)] = [
        ("xorriso", ["-as", "mkisofs", "-R"], longComponentTarget),
        ("xorriso", ["-compliance", "new_rr", "-as", "mkisofs", "-R"], longComponentTarget),
        ("xorriso", ["-as", "mkisofs", "-R"], manyComponentTarget),
        ("genisoimage", ["-quiet", "-R"], manyComponentTarget),
    ]

    /// Makes the tree, runs the tool and walks the image.
    static func walkFixture(
        tool: String, arguments: [String], longTarget: String
    ) async throws -> (Walker, [String: Expected]) {
        let directory = try TemporaryDirectory(prefix: "isokit-rr")
        let tree = directory.path("tree")
        let expected = try makeTree(at: tree, longTarget: longTarget)
        let iso = directory.path("rr.iso")
        try await Tool.run(tool, arguments + ["-o", iso, tree], environment: Tool.reproducibleEnvironment)
        let image = try ContentCompare.contents(of: iso)
        let rootRecord = Array(image[(16 * 2048 + 156)..<(16 * 2048 + 190)])
        var walker = Walker(image: image)
        try walker.walk(extentLBA: Walker.le32(rootRecord, 2), size: Walker.le32(rootRecord, 10), path: "")
        return (walker, expected)
    }

    @Test(
        "system use areas re-encode byte-exact and match the source tree",
        .oracles("xorriso", "genisoimage"),
        arguments: 0..<tools.count)
    func fixture(toolIndex: Int) async throws {
        let (tool, arguments, longTarget) = Self.tools[toolIndex]
        let (walker, expected) = try await Self.walkFixture(tool: tool, arguments: arguments, longTarget: longTarget)
        #expect(walker.areasChecked > expected.count)

        for (path, want) in expected {
            let found = try #require(walker.found[path], "\(path) missing from the \(tool) image")
            #expect(found.attributes.mode == want.mode, "\(path)")
            #expect(found.attributes.symlinkTarget == want.symlinkTarget, "\(path)")
            #expect(found.attributes.modificationTime == Self.fileTime, "\(path)")
            #expect(found.attributes.links != nil && found.attributes.uid != nil && found.attributes.gid != nil)
        }

        // Every attribute set read from the image survives our own entries() and the merge.
        for (path, found) in walker.found {
            let rewritten = try RockRidgeAttributes(entries: found.attributes.entries())
            #expect(rewritten == found.attributes, "\(path)")
        }

        if tool == "genisoimage" {
            // genisoimage moves directories deeper than 8 levels to /rr_moved: CL on a placeholder at the old place,
            // RE on the moved directory, and PL in the moved directory's `..` record pointing at the old parent.
            let (placeholderPath, placeholder) = try #require(walker.found.first { $0.value.attributes.childLinkLBA != nil })
            let moved = try #require(walker.found.first { $0.value.attributes.isRelocated }?.value)
            #expect(placeholder.attributes.childLinkLBA == moved.extentLBA)
            let oldParentPath = String(placeholderPath[..<(placeholderPath.lastIndex(of: "/") ?? placeholderPath.startIndex)])
            let oldParent = try #require(walker.found[oldParentPath])
            #expect(Set(walker.dotDotParentLinks) == [oldParent.extentLBA])
        }
    }

    @Test(
        "genisoimage's over-long SL entry is reported, not misread",
        .oracles("genisoimage"))
    func genisoimageLongComponent() async throws {
        do {
            _ = try await Self.walkFixture(
                tool: "genisoimage", arguments: ["-quiet", "-R"], longTarget: Self.longComponentTarget)
            Issue.record("genisoimage now writes the 250-byte component correctly; move it to the main fixture")
        } catch let DecodeError.fieldOutOfRange(field, _, value, limit) {
            // Its SL length byte wraps past 255 (291 → 35), so the first component claims more than the entry holds.
            #expect(field == "SL component length")
            #expect(value > limit)
        }
    }
}
