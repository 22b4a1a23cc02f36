import Foundation
import Testing

@testable import TestSupport

@Suite("FileTree")
struct FileTreeTests {
    @Test("writes files, directories and symbolic links with modes and a fixed time")
    func writesTree() async throws {
        try await withTemporaryDirectory { root in
            try FileTree.write(
                [
                    "README.txt": .text("hello\n"),
                    "bin/run": .text("#!/bin/sh\n", mode: 0o755),
                    "empty/": .directory(mode: 0o700),
                    "latest": .symlink("README.txt"),
                ], under: root, modificationTime: 1_700_000_000)
            #expect(try FileTree.list(root) == ["README.txt", "bin/", "bin/run", "empty/", "latest -> README.txt"])
            #expect(try ContentCompare.contents(of: root + "/README.txt") == Array("hello\n".utf8))
            let files = FileManager.default
            let run = try files.attributesOfItem(atPath: root + "/bin/run")
            #expect(run[.posixPermissions] as? Int == 0o755)
            #expect((run[.modificationDate] as? Date)?.timeIntervalSince1970 == 1_700_000_000)
            let bin = try files.attributesOfItem(atPath: root + "/bin")
            #expect((bin[.modificationDate] as? Date)?.timeIntervalSince1970 == 1_700_000_000)
            let empty = try files.attributesOfItem(atPath: root + "/empty")
            #expect(empty[.posixPermissions] as? Int == 0o700)
        }
    }
}
