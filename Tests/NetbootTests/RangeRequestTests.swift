import Netboot
import Testing

@Suite("RangeRequest")
struct RangeRequestTests {
    @Test("RFC 9110 §14.1.2 forms on a 1000-byte representation", arguments: [
        ("bytes=0-99", RangeRequest.ranges([ByteRange(start: 0, count: 100)])),
        ("bytes=500-599", .ranges([ByteRange(start: 500, count: 100)])),
        ("bytes=-100", .ranges([ByteRange(start: 900, count: 100)])),
        ("bytes=-5000", .ranges([ByteRange(start: 0, count: 1000)])),
        ("bytes=990-", .ranges([ByteRange(start: 990, count: 10)])),
        ("bytes=990-5000", .ranges([ByteRange(start: 990, count: 10)])),
        ("bytes=0-0, -1", .ranges([ByteRange(start: 0, count: 1), ByteRange(start: 999, count: 1)])),
        ("bytes=1000-", .unsatisfiable), ("bytes=-0", .unsatisfiable), ("bytes=1000-2000, 5000-", .unsatisfiable),
        ("bytes=5-1", .whole), ("bytes=abc", .whole), ("bytes=1-2-3", .whole), ("items=0-1", .whole), ("bytes=", .whole),
        ("bytes=99999999999999999999-", .whole), ("bytes=+1-2", .whole),
    ])
    func forms(header: String, expected: RangeRequest) {
        #expect(RangeRequest(header: header, size: 1000) == expected)
    }

    @Test("no header, or more than the range limit, means the whole representation")
    func whole() {
        #expect(RangeRequest(header: nil, size: 10) == .whole)
        let many = "bytes=" + (0..<33).map { "\($0)-\($0)" }.joined(separator: ",")
        #expect(RangeRequest(header: many, size: 100) == .whole)
    }

    @Test("an empty representation satisfies no range")
    func empty() {
        #expect(RangeRequest(header: "bytes=0-", size: 0) == .unsatisfiable)
        #expect(RangeRequest(header: "bytes=-1", size: 0) == .unsatisfiable)
    }
}
