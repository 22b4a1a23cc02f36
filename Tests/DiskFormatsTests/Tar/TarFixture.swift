import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Source trees and archives made by GNU tar and bsdtar for the tar tests.
///
/// `short/` fits the ustar limits (names ≤ 100 bytes, paths ≤ 255 split into prefix and name, link targets
/// ≤ 100); `long/` needs GNU long names or pax records (a 200-byte name, a 150-byte symlink target, a hard link
/// with a long name, an owner id past 7 octal digits). As root, devices and owners are added.
enum TarFixture {
    static let epoch: Int64 = 1_700_000_000
    static let longName = String(repeating: "l", count: 200) + ".txt"
    static let longTarget = String(repeating: "t/", count: 75)
    static let deepPath = (1...3).map { String(repeating: Character("\($0)"), count: 45) }.joined(separator: "/")

    /// Writes the tree under `directory/src` and returns that path.
    static func tree(in directory: String) async throws -> String {
        let root = directory + "/src"
        var pattern: [UInt8] = []
        for index in 0..<70_000 { pattern.append(UInt8(truncatingIfNeeded: index &* 13 &+ index >> 8)) }
        try FileTree.write(
            [
                "short/etc/hostname": .text("live\n"),
                "short/etc/empty": .file([]),
                "short/usr/bin/tool": .file(pattern, mode: 0o755),
                "short/usr/bin/su": .text("#!/bin/sh\n", mode: 0o4755),
                "short/tmp/": .directory(mode: 0o1777),
                "short/\(deepPath)/file": .text("deep\n"),
                "short/link": .symlink("usr/bin/tool"),
                "long/\(longName)": .text("long\n"),
                "long/symlink": .symlink(longTarget),
            ], under: root)
        guard link(root + "/short/etc/hostname", root + "/short/etc/hostname.hard") == 0,
              link(root + "/long/\(longName)", root + "/long/hard-" + String(repeating: "h", count: 120)) == 0,
              mkfifo(root + "/short/pipe", 0o644) == 0
        else { throw POSIXError(.EIO) }
        if geteuid() == 0 {
            guard mkdir(root + "/short/dev", 0o755) == 0,
                  mknod(root + "/short/dev/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0,
                  mknod(root + "/short/dev/sda", S_IFBLK | 0o660, dev_t(8 << 8 | 0)) == 0,
                  chown(root + "/short/etc/hostname", 1234, 5678) == 0,
                  lchown(root + "/long/symlink", 3_000_000, 4_000_000) == 0
            else { throw POSIXError(.EIO) }
        }
        // Glibc's module map leaves out <sys/xattr.h>; Python's os.setxattr is the same call.
        try await Tool.run(
            "python3", ["-c", "import os, sys; os.setxattr(sys.argv[1], 'user.isokit', b'caps')", root + "/short/usr/bin/tool"])
        try touchAll(root)
        return root
    }

    /// Sets every entry's time to ``epoch`` (deepest first, so directories keep theirs).
    static func touchAll(_ root: String) throws {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root).map { root + "/" + $0 } + [root]
        for path in paths.sorted(by: { $0.count > $1.count }) { try FileTree.setModificationTime(epoch, of: path) }
    }

    /// `tar --format=FORMAT` (GNU tar) or `bsdtar` archive of `members` under `root`.
    static func archive(
        _ tool: String, format: String?, root: String, members: [String], to output: String, xattrs: Bool = false
    ) async throws {
        var arguments = ["-cf", output, "-C", root]
        if let format { arguments.insert("--format=\(format)", at: 0) }
        if xattrs { arguments.insert("--xattrs", at: 0) }
        try await Tool.run(tool, arguments + members, environment: Tool.reproducibleEnvironment)
    }

    /// `tar --numeric-owner -tvf` as (mode, owner, size, path, link) tuples with paths normalised like ours.
    static func gnuListing(_ archive: String) async throws -> [String] {
        let output = try await Tool.run(
            "tar", ["--numeric-owner", "-tvf", archive], environment: Tool.reproducibleEnvironment.merging(["TZ": "UTC"]) { $1 })
        return output.stdout.split(separator: "\n").map { line in
            // mode owner size date time name[ -> target | link to target]
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true).map(String.init)
            var name = fields[5]
            var link = ""
            for marker in [" -> ", " link to "] {
                if let range = name.range(of: marker) {
                    link = marker + normalise(String(name[range.upperBound...]), keepingTarget: marker == " -> ")
                    name = String(name[..<range.lowerBound])
                }
            }
            return [fields[0], fields[1], fields[2], fields[3] + " " + fields[4], normalise(name) + link]
                .joined(separator: " ")
        }
    }

    private static func normalise(_ path: String, keepingTarget: Bool = false) -> String {
        if keepingTarget { return path }
        return path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
