import Testing

@testable import TestSupport

@Suite("ContentCompare")
struct ContentCompareTests {
    @Test("finds the first differing byte")
    func bytes() {
        #expect(ContentCompare.firstDifference([1, 2, 3], [1, 2, 3]) == nil)
        #expect(ContentCompare.firstDifference([1, 2, 3], [1, 9, 3]) == 1)
        #expect(ContentCompare.firstDifference([1, 2], [1, 2, 3]) == 2)
        #expect(ContentCompare.firstDifference([UInt8](), []) == nil)
    }

    @Test("compares files across chunk boundaries")
    func files() async throws {
        try await withTemporaryDirectory { root in
            var large = [UInt8](repeating: 7, count: ContentCompare.chunkSize + 10)
            try FileTree.write(["a": .file(large), "b": .file(large)], under: root)
            #expect(try ContentCompare.firstDifference(file: root + "/a", file: root + "/b") == nil)
            large[ContentCompare.chunkSize + 3] = 8
            try FileTree.write(["c": .file(large), "d": .file(Array(large.prefix(100)))], under: root)
            #expect(try ContentCompare.firstDifference(file: root + "/a", file: root + "/c") == Int64(ContentCompare.chunkSize + 3))
            #expect(try ContentCompare.firstDifference(file: root + "/a", file: root + "/d") == 100)
        }
    }

    @Test("FNV-1a checksum matches the published test vectors")
    func checksum() {
        #expect(ContentCompare.checksum([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(ContentCompare.checksum(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
    }
}
