import DiskWrite
import Testing

@Suite("MountInfoEntry")
struct MountInfoEntryTests {
    @Test("a mountinfo line gives the device number, the unescaped mount point and the source")
    func parsesLine() throws {
        let line = "36 35 8:17 / /media/my\\040stick rw,noatime master:1 - ext4 /dev/sdb1 rw,errors=continue"
        let entry = try #require(MountInfoEntry(line: line[...]))
        #expect(entry == MountInfoEntry(device: "8:17", mountPoint: "/media/my stick", source: "/dev/sdb1"))
    }

    @Test("lines without optional fields and without a separator")
    func optionalFields() {
        let text = """
            22 1 259:2 / / rw,relatime - ext4 /dev/nvme0n1p2 rw
            garbage line
            23 22 0:21 / /proc rw - proc proc rw
            """
        let entries = MountInfoEntry.parse(text)
        #expect(entries.map(\.mountPoint) == ["/", "/proc"])
        #expect(entries.first?.device == "259:2")
        #expect(MountInfoEntry(line: "1 2 3 4 5 6 7"[...]) == nil)
    }
}
