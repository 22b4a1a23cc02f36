import DiskWrite
import Testing

@Suite("ByteSize")
struct ByteSizeTests {
    @Test(
        "sizes with binary suffixes parse",
        arguments: zip(
            ["4G", "512M", "512m", "100K", "1T", "4096", "4GiB", "2GB", "0"],
            [4 << 30, 512 << 20, 512 << 20, 100 << 10, 1 << 40, 4096, 4 << 30, 2 << 30, 0] as [Int64]))
    func parses(text: String, bytes: Int64) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test("anything else is rejected", arguments: ["", "G", "-1G", "1.5G", "4X", "9999999999T", " 4G", "4 G", "0x10"])
    func rejects(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }
}
