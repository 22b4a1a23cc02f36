import Netboot
import Testing

@Suite("NetbootRoute")
struct NetbootRouteTests {
    @Test("routes", arguments: [
        ("/", NetbootRoute.menu), ("/boot.ipxe", .menu), ("/boot.grub", .grubMenu), ("/catalog.json", .catalog), ("/memdisk", .memdisk),
        ("/iso/live.iso", .wholeImage(name: "live")), ("/iso/live/boot/vmlinuz", .file(name: "live", path: "/boot/vmlinuz")),
        ("/iso/live/a%20b?x=1", .file(name: "live", path: "/a b")),
    ])
    func routes(path: String, expected: NetbootRoute) throws {
        #expect(try NetbootRoute(rawPath: path) == expected)
    }

    @Test("traversal and encoding tricks are refused with 400", arguments: [
        "/iso/live/../../etc/passwd", "/iso/live/%2e%2e/x", "/iso/live/%2E%2E%2Fetc", "/iso/live/a%2fb", "/iso/live/a%5cb",
        "/iso/live/a%00b", "/iso/live//x", "/iso/live/./x", "/iso/live/%zz", "/iso/live/%2", "relative", "/iso/live/%0a",
    ])
    func refused(path: String) {
        #expect(throws: NetbootRoute.Refusal.self) { try NetbootRoute(rawPath: path) }
        #expect(throws: NetbootRoute.Refusal.notFound) { try NetbootRoute(rawPath: "/etc/passwd") }
    }
}
