import BinaryIO
import Foundation
import SystemPackage
import TestSupport
import Testing
@testable import ISO9660

@Suite("SourceTree")
struct SourceTreeTests {
    static let longName = String(repeating: "n", count: 200)
    static let unicodeName = "ünïcødé-名前-😀.txt"

    /// Builds the mixed tree most tests scan.
    static func makeMixedTree(in fixture: TemporaryDirectory) throws {
        try FileTree.write([
            "src/a.txt": .text("hello"),
            "src/empty": .text(""),
            "src/name with spaces.txt": .text("spaces"),
            "src/" + unicodeName: .text("unicode"),
            "src/" + longName: .text("long"),
            "src/sub/nested/deep.bin": .text(String(repeating: "x", count: 3000)),
            "src/B-upper": .text("B"),
            "src/emptydir": .directory(),
            "src/link-rel": .symlink("a.txt"),
            "src/link-abs": .symlink("/etc/hostname"),
            "src/dangling": .symlink("does/not/exist"),
            "src/link-dir": .symlink("sub"),
            "src/hard1": .text("shared bytes"),
        ], under: fixture.path)
        try #require(link(fixture.path("src/hard1"), fixture.path("src/sub/hard2")) == 0, "link: errno \(errno)")
        try #require(mkfifo(fixture.path("src/fifo"), 0o640) == 0, "mkfifo: errno \(errno)")
        try #require(chmod(fixture.path("src/fifo"), 0o640) == 0, "chmod: errno \(errno)")
        try FileTree.setModificationTime(1_600_000_000, of: fixture.path("src/a.txt"))
        try FileTree.setModificationTime(1_500_000_000, of: fixture.path("src/link-rel"))
    }

    @Test func scanRecordsEveryKindInNameByteOrder() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try Self.makeMixedTree(in: fixture)
        let tree = try SourceTree.scan(directory: fixture.path("src"))
        let root = tree.root

        #expect(root.name == "")
        #expect(root.hostPath == fixture.path("src"))
        #expect(root.kind == .directory)
        #expect(root.mode & 0o170000 == 0o040000)
        // Sorted by UTF-8 bytes: upper case before lower case, "na…" before "nn…", non-ASCII last.
        #expect(root.children.map(\.name) == [
            "B-upper", "a.txt", "dangling", "empty", "emptydir", "fifo", "hard1", "link-abs", "link-dir", "link-rel",
            "name with spaces.txt", Self.longName, "sub", Self.unicodeName,
        ])

        let a = try #require(root.child(named: "a.txt"))
        #expect(a.kind == .regular)
        #expect(a.size == 5)
        #expect(a.mode & 0o170000 == 0o100000)
        #expect(a.hostPath == fixture.path("src/a.txt"))
        #expect(a.modificationTime == 1_600_000_000)
        #expect(a.accessTime == 1_600_000_000)
        #expect(a.changeTime > 1_600_000_000)
        #expect(a.hardLinkKey == nil)
        #expect(a.uid == getuid() && a.gid == getgid())

        #expect(root.child(named: "empty")?.size == 0)
        #expect(root.child(named: "emptydir")?.kind == .directory)
        #expect(root.child(named: "emptydir")?.children == [])
        #expect(root.child(named: Self.longName)?.size == 4)
        #expect(root.child(named: Self.unicodeName)?.size == 7)
        #expect(root.child(named: "name with spaces.txt")?.hostPath == fixture.path("src/name with spaces.txt"))

        let relative = try #require(root.child(named: "link-rel"))
        #expect(relative.kind == .symlink(target: "a.txt"))
        #expect(relative.size == 0)
        #expect(relative.mode & 0o170000 == 0o120000)
        #expect(relative.modificationTime == 1_500_000_000)
        #expect(root.child(named: "link-abs")?.kind == .symlink(target: "/etc/hostname"))
        #expect(root.child(named: "dangling")?.kind == .symlink(target: "does/not/exist"))
        // Links are not followed: the link to a directory has no children.
        #expect(root.child(named: "link-dir")?.kind == .symlink(target: "sub"))

        let fifo = try #require(root.child(named: "fifo"))
        #expect(fifo.kind == .fifo)
        #expect(fifo.mode == 0o010640)

        let hard1 = try #require(root.child(named: "hard1"))
        let hard2 = try #require(root.descendant(at: ["sub", "hard2"]))
        #expect(hard1.hardLinkKey != nil)
        #expect(hard1.hardLinkKey == hard2.hardLinkKey)
        #expect(hard2.hostPath == fixture.path("src/sub/hard2"))

        #expect(root.descendant(at: ["sub", "nested", "deep.bin"])?.size == 3000)
        #expect(root.descendant(at: ["sub"])?.children.map(\.name) == ["hard2", "nested"])

        #expect(tree.directoryCount == 4)  // root, emptydir, sub, sub/nested
        #expect(tree.fileCount == 14)
        // 5 + 0 + 6 + 7 + 4 + 3000 + 1 + 12 (hard1 and hard2 once)
        #expect(tree.totalFileBytes == 3035)
    }

    @Test func scanIsDeterministic() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try Self.makeMixedTree(in: fixture)
        // Listing a directory may update its access time (relatime), so compare everything else.
        func withoutAccessTimes(_ node: SourceNode) -> SourceNode {
            var node = node
            node.accessTime = 0
            node.children = node.children.map(withoutAccessTimes)
            return node
        }
        let first = try SourceTree.scan(directory: fixture.path("src"))
        let second = try SourceTree.scan(directory: fixture.path("src"))
        #expect(withoutAccessTimes(first.root) == withoutAccessTimes(second.root))
    }

    @Test func rootMayBeASymbolicLink() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write(["real/dir/x": .text("x"), "alias": .symlink("real/dir")], under: fixture.path)
        let tree = try SourceTree.scan(directory: fixture.path("alias"))
        #expect(tree.root.hostPath == fixture.path("real/dir"))
        #expect(tree.root.children.map(\.hostPath) == [fixture.path("real/dir/x")])
        // A relative path works too (without changing the directory of the other tests), as do trailing slashes.
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + fixture.path.dropFirst() + "/alias/"
        #expect(try SourceTree.scan(directory: relative).root.hostPath == fixture.path("real/dir"))
    }

    @Test func excludesMatchRelativePathsAndNames() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        let names = ["keep.txt", "drop.tmp", "sub/deeper.tmp", "sub/keep", "cache/big/file", "other/cache"]
        try FileTree.write(
            Dictionary(uniqueKeysWithValues: names.map { ("src/" + $0, .text("")) }), under: fixture.path)
        let tree = try SourceTree.scan(
            directory: fixture.path("src"), options: ScanOptions(excludes: ["*.tmp", "cache"]))
        var paths: [String] = []
        tree.forEach { _, path in paths.append(path.joined(separator: "/")) }
        #expect(paths == ["", "keep.txt", "other", "sub", "sub/keep"])
        let anchored = try SourceTree.scan(directory: fixture.path("src"), options: ScanOptions(excludes: ["sub/*"]))
        #expect(anchored.root.child(named: "sub")?.children == [])
    }

    @Test func rootOwnershipZeroesOwners() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write(["src/a/b": .text("")], under: fixture.path)
        try #require(chown(fixture.path("src/a/b"), 1234, 5678) == 0 || getuid() != 0)
        let kept = try SourceTree.scan(directory: fixture.path("src"))
        if getuid() == 0 {
            #expect(kept.root.descendant(at: ["a", "b"])?.uid == 1234)
            #expect(kept.root.descendant(at: ["a", "b"])?.gid == 5678)
        }
        let tree = try SourceTree.scan(directory: fixture.path("src"), options: ScanOptions(rootOwnership: true))
        tree.forEach { node, _ in
            #expect(node.uid == 0 && node.gid == 0)
        }
    }

    @Test func followingLinksScansTheirTargets() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write([
            "src/sub/x": .text("12345"), "src/link-dir": .symlink("sub"), "src/link-file": .symlink("sub/x"),
            "src/dangling": .symlink("nowhere"),
        ], under: fixture.path)
        let tree = try SourceTree.scan(directory: fixture.path("src"), options: ScanOptions(followSymlinks: true))
        #expect(tree.root.child(named: "link-dir")?.children.map(\.name) == ["x"])
        #expect(tree.root.child(named: "link-file")?.kind == .regular)
        #expect(tree.root.child(named: "link-file")?.size == 5)
        #expect(tree.root.child(named: "dangling")?.kind == .symlink(target: "nowhere"))

        try FileTree.write(["src/sub/loop": .symlink("..")], under: fixture.path)
        #expect(throws: IOError("scan", path: fixture.path("src/link-dir/loop"), errno: .tooManySymbolicLinkLevels)) {
            try SourceTree.scan(directory: fixture.path("src"), options: ScanOptions(followSymlinks: true))
        }
    }

    @Test func socketsAreRecorded() async throws {
        try #require(Oracle.available("python3"))
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write(["src": .directory()], under: fixture.path)
        let bind = "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])"
        try await Tool.run("python3", ["-c", bind, fixture.path("src/sock")], environment: Tool.reproducibleEnvironment)
        let tree = try SourceTree.scan(directory: fixture.path("src"))
        #expect(tree.root.children.map(\.kind) == [.socket])
        #expect(tree.fileCount == 1 && tree.totalFileBytes == 0)
    }

    @Test func nameThatIsNotUTF8IsAnError() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write(["src/dir": .directory()], under: fixture.path)
        let bad = Array(fixture.path("src/dir/bad-").utf8) + [0xFF, 0xFE, 0]
        let fd = bad.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(fd >= 0)
        close(fd)
        #expect(
            throws: ISO9660Error.unrepresentable(
                path: fixture.path("src/dir/bad-\u{FFFD}\u{FFFD}"), reason: "name is not valid UTF-8")
        ) {
            try SourceTree.scan(directory: fixture.path("src"))
        }
        // Excluding it by pattern avoids the error.
        let tree = try SourceTree.scan(directory: fixture.path("src"), options: ScanOptions(excludes: ["dir/bad-*"]))
        #expect(tree.root.child(named: "dir")?.children == [])
    }

    @Test func missingOrNonDirectoryRootIsAnError() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write(["plain": .text("")], under: fixture.path)
        #expect(throws: IOError("scan", path: fixture.path("plain"), errno: .notDirectory)) {
            try SourceTree.scan(directory: fixture.path("plain"))
        }
        #expect(throws: IOError("resolve", path: fixture.path("missing"), errno: .noSuchFileOrDirectory)) {
            try SourceTree.scan(directory: fixture.path("missing"))
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads unreadable directories"))
    func unreadableDirectoryIsAnErrorNamingIt() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        defer { chmod(fixture.path("src/locked"), 0o755) }
        try FileTree.write(["src/locked/secret": .text("")], under: fixture.path)
        try #require(chmod(fixture.path("src/locked"), 0) == 0)
        #expect(throws: IOError("open", path: fixture.path("src/locked"), errno: .permissionDenied)) {
            try SourceTree.scan(directory: fixture.path("src"))
        }
    }

    @Test func clampingTimesKeepsEarlierTimes() {
        let file = SourceNode(
            name: "f", modificationTime: 2_000_000_000, accessTime: 100, changeTime: 1_700_000_001)
        let tree = SourceTree(
            root: SourceNode(
                name: "", kind: .directory, mode: 0o040755, modificationTime: 1_699_999_999, accessTime: 1_800_000_000,
                changeTime: 1_700_000_000, children: [file]))
        let clamped = tree.clampingTimes(to: 1_700_000_000)
        // Access and change times follow the clamped modification time (they can't be reproduced).
        #expect(clamped.root.modificationTime == 1_699_999_999)
        #expect(clamped.root.accessTime == 1_699_999_999)
        #expect(clamped.root.changeTime == 1_699_999_999)
        let child = clamped.root.children[0]
        #expect(child.modificationTime == 1_700_000_000)
        #expect(child.accessTime == 1_700_000_000)
        #expect(child.changeTime == 1_700_000_000)
        #expect(child.name == "f" && child.mode == file.mode && child.uid == file.uid)
    }

    @Test func clampingAScannedTreeClampsEveryNode() throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try Self.makeMixedTree(in: fixture)
        let clamped = try SourceTree.scan(directory: fixture.path("src")).clampingTimes(to: 1_550_000_000)
        clamped.forEach { node, _ in
            #expect(max(node.modificationTime, node.accessTime, node.changeTime) <= 1_550_000_000)
        }
        #expect(clamped.root.child(named: "link-rel")?.modificationTime == 1_500_000_000)
    }

    @Test func nodesMadeInCodeAreSortedByNameBytes() {
        let directory = SourceNode(
            name: "d", kind: .directory, mode: 0o040755,
            children: [SourceNode(name: "é"), SourceNode(name: "e\u{301}"), SourceNode(name: "Z"), SourceNode(name: "a")])
        #expect(directory.children.map { Array($0.name.utf8) } == [[0x5A], [0x61], [0x65, 0xCC, 0x81], [0xC3, 0xA9]])
        // Canonically equivalent names are still different entries.
        #expect(directory.child(named: "é")?.name.utf8.count == 2)
        #expect(directory.child(named: "e\u{301}")?.name.utf8.count == 3)
    }

    @Test(arguments: [
        (UInt64(0x0801), UInt32(8), UInt32(1)), (UInt64(0x0103), UInt32(1), UInt32(3)),
        // Values from Python's os.makedev: a minor's high bits go to bits 20…, a major's high bits to 44….
        (UInt64(0x1001_0301), UInt32(259), UInt32(65537)),
        (UInt64(0xF_F000_000F_FF00) | 0xFF, UInt32(0xF_FFFF), UInt32(0xFF)),
        (UInt64(0xFFFF_FFFF), UInt32(4095), UInt32(0xF_FFFF)),
    ])
    func deviceNumbers(device: UInt64, major: UInt32, minor: UInt32) {
        let split = TreeScanner.deviceNumbers(device)
        #expect(split.major == major && split.minor == minor)
    }
}
