import Foundation
import Testing

@testable import TestSupport

@Suite("TemporaryDirectory")
struct TemporaryDirectoryTests {
    @Test("removes the directory with its contents, read-only folders included")
    func removal() async throws {
        let kept = try await withTemporaryDirectory { path in
            try FileTree.write(["locked/file": .text("x"), "locked/": .directory(mode: 0o555)], under: path)
            #expect(FileManager.default.fileExists(atPath: path + "/locked/file"))
            return path
        }
        #expect(!FileManager.default.fileExists(atPath: kept) || TestEnvironment.keepTemporaryFiles)
    }

    @Test("creates distinct directories under TMPDIR")
    func distinct() throws {
        let first = try TemporaryDirectory(prefix: "isokit-a")
        let second = try TemporaryDirectory(prefix: "isokit-a")
        #expect(first.path != second.path)
        #expect(first.path("x/y") == first.path + "/x/y")
        #expect(first.path.contains("/isokit-a-"))
    }
}
