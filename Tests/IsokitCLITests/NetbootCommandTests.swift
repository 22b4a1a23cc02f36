import Foundation
import Testing
import TestSupport

/// `isokit netboot catalog` and the argument checks of `isokit netboot serve`.
@Suite("isokit netboot")
struct NetbootCommandTests {
    /// A folder `isos/` with an isokit-style image (GRUB menu, kernel, initrd, layers.list) made by `isokit create`.
    static func fixture() async throws -> CLIFixture {
        let fixture = try await CLIFixture(makeImage: false)
        try FileTree.write([
            "boot/grub/grub.cfg": .text("""
                menuentry "isokit live" {
                    linux /boot/vmlinuz isokit.label=X console=ttyS0,115200 quiet
                    initrd /boot/initrd.img
                }

                """),
            "boot/vmlinuz": .text("k"), "boot/initrd.img": .text("i"),
            "live/layers.list": .text("00-base.squashfs\n"), "live/00-base.squashfs": .text("s"),
        ], under: fixture.path("live-tree"), modificationTime: 1_700_000_000)
        try FileManager.default.createDirectory(atPath: fixture.path("isos"), withIntermediateDirectories: true)
        try await fixture.expectSuccess(["create", "live-tree", "-o", "isos/live.iso", "-q"])
        return fixture
    }

    @Test("catalog lists each entry with its URLs and the isokit.fetch parameter")
    func catalogText() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.expectSuccess(["netboot", "catalog", "isos", "--base-url", "http://192.0.2.1:8080"])
        #expect(result.stdout == """
            live (live.iso, isokit)
              * isokit live
                  kernel http://192.0.2.1:8080/iso/live/boot/vmlinuz
                  initrd http://192.0.2.1:8080/iso/live/boot/initrd.img
                  args   console=ttyS0,115200 quiet isokit.fetch=http://192.0.2.1:8080/iso/live/

            """)
    }

    @Test("catalog --json is the resolved catalog")
    func catalogJSON() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.expectSuccess(["netboot", "catalog", "isos", "--json", "--append", "isokit.selftest"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutputBytes)) as? [String: Any])
        #expect(object["baseURL"] as? String == "http://SERVER:8080")
        let images = try #require(object["images"] as? [[String: Any]])
        #expect(images.first?["name"] as? String == "live")
        #expect(result.stdout.contains("\"isokit.selftest\""))
    }

    @Test("a missing folder exits 66; a bad --base-url or --listen exits 64", arguments: [
        (["netboot", "catalog", "nothing"], 66),
        (["netboot", "catalog", "isos", "--base-url", "ftp://x"], 64),
        (["netboot", "serve", "isos", "--listen", "8080"], 64),
        (["netboot", "serve", "isos", "--listen", "0.0.0.0:99999"], 64),
        (["netboot", "serve", "nothing", "--listen", "127.0.0.1:0"], 66),
    ] as [([String], Int32)])
    func failures(arguments: [String], status: Int32) async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.run(arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("isokit: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("netboot image: both or neither of --script/--chain, a bad address, --ip without --netmask, .efi without a GRUB menu or an unknown extension exit 64; a script without #!ipxe exits 65", arguments: [
        (["netboot", "image", "--chain", "http://192.0.2.1/boot.ipxe", "--script", "s.ipxe", "-o", "x.iso"], 64),
        (["netboot", "image", "-o", "x.iso"], 64),
        (["netboot", "image", "--chain", "http://192.0.2.1/boot.ipxe", "--ip", "192.0.2.300", "--netmask", "255.255.255.0", "-o", "x.iso"], 64),
        (["netboot", "image", "--chain", "http://192.0.2.1/boot.ipxe", "--ip", "192.0.2.10", "-o", "x.iso"], 64),
        (["netboot", "image", "--chain", "https://192.0.2.1/boot.ipxe", "-o", "x.efi"], 64),
        (["netboot", "image", "--chain", "http://192.0.2.1/boot.ipxe", "-o", "x.tar"], 64),
        (["netboot", "image", "--script", "live-tree/boot/vmlinuz", "-o", "x.iso"], 65),
    ] as [([String], Int32)])
    func imageFailures(arguments: [String], status: Int32) async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.run(arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.path("x.iso")))
    }

    @Test("netboot image --json writes the image and reports the embedded script and the UEFI menu")
    func image() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.expectSuccess([
            "netboot", "image", "--chain", "http://192.0.2.1:8080/boot.ipxe", "--ip", "192.0.2.10", "--netmask",
            "255.255.255.0", "--gateway", "192.0.2.1", "--dns", "192.0.2.53", "-o", "ipxe.img", "--json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutputBytes)) as? [String: Any])
        #expect(object["format"] as? String == "img")
        #expect(object["uefiMenuURL"] as? String == "http://192.0.2.1:8080/boot.grub")
        #expect(object["script"] as? String == """
            #!ipxe
            # static network for hosts without DHCP
            set net0/ip 192.0.2.10
            set net0/netmask 255.255.255.0
            set net0/gateway 192.0.2.1
            set dns 192.0.2.53
            ifopen net0
            route
            chain http://192.0.2.1:8080/boot.ipxe

            """)
        #expect(FileManager.default.fileExists(atPath: fixture.path("ipxe.img")))
    }
}
