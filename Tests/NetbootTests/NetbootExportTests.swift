import BootConfig
import Foundation
import Netboot
import TestSupport
import Testing

/// `netboot export`: the static site has the same URLs and bytes as `serve` for the same base URL.
@Suite("NetbootExporter", .serialized, .oracles("curl"))
struct NetbootExportTests {
    static let base = "http://boot.example.net:8080"

    @Test("every exported file is what serve answers at its URL; the ISO is a hard link; layers and kernels are there")
    func sameURLsSameBytes() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-export") { directory in
            let folder = try NetbootServerTests.folder(in: directory)
            try NetbootFixtures.iso(NetbootFixtures.debianLive, named: "debian.iso", in: directory)
            let hosts = NetbootHosts(byMAC: [
                "52:54:00:12:34:56": IPXEStaticNetwork(address: "192.0.2.10", netmask: "255.255.255.0")
            ])
            let options = NetbootServerOptions(directory: folder, hosts: hosts)
            let written = try NetbootExporter.export(
                directory: folder, to: directory + "/site", baseURL: Self.base + "/", options: options)
            for path in [
                "/boot.ipxe", "/boot.grub", "/catalog.json", "/host/52:54:00:12:34:56.ipxe", "/iso/data.iso", "/iso/data/boot/vmlinuz",
                "/iso/data/boot/initrd.img", "/iso/data/live/layers.list", "/iso/data/live/00-base.squashfs",
                "/iso/debian.iso", "/iso/debian/live/filesystem.squashfs",
            ] {
                #expect(written.contains(path), "\(path) not exported")
            }
            let listed = try FileTree.list(directory + "/site").filter { !$0.hasSuffix("/") }.map { "/" + $0 }
            #expect(Set(listed) == Set(written))
            let isoInode = try FileManager.default.attributesOfItem(atPath: directory + "/site/iso/data.iso")[.systemFileNumber]
            let originalInode = try FileManager.default.attributesOfItem(atPath: folder + "/data.iso")[.systemFileNumber]
            #expect(isoInode as? Int == originalInode as? Int)

            try await NetbootServerTests.withServer(folder, hosts: hosts, baseURL: Self.base) { server in
                for path in written {
                    let reply = try await NetbootServerTests.curl(server + path, in: directory)
                    let exported = try ContentCompare.contents(of: directory + "/site" + path)
                    #expect(reply.status == 200, "\(path)")
                    #expect(reply.body == exported, "\(path) differs")
                }
            }
        }
    }

    @Test("/boot.grub: an entry per image entry with GRUB http paths, the isokit and Debian live parameters; grub-script-check accepts it",
          .oracles("grub-script-check"))
    func grubMenu() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-export") { directory in
            let folder = try NetbootServerTests.folder(in: directory)
            try NetbootFixtures.iso(NetbootFixtures.debianLive, named: "debian.iso", in: directory)
            _ = try NetbootExporter.export(
                directory: folder, to: directory + "/site", baseURL: Self.base,
                options: NetbootServerOptions(directory: folder))
            let menu = try String(contentsOfFile: directory + "/site/boot.grub", encoding: .utf8)
            let server = "(http,boot.example.net:8080)"
            #expect(menu.contains("menuentry 'data.iso: "), "\(menu)")
            #expect(menu.contains("linux '\(server)/iso/data/boot/vmlinuz'"), "\(menu)")
            #expect(menu.contains("initrd '\(server)/iso/data/boot/initrd.img'"), "\(menu)")
            #expect(menu.contains("isokit.fetch=http://boot.example.net:8080/iso/data/"), "\(menu)")
            #expect(menu.contains("fetch=http://boot.example.net:8080/iso/debian/live/filesystem.squashfs"), "\(menu)")
            try await Tool.run("grub-script-check", [directory + "/site/boot.grub"])
        }
    }

    @Test("a site directory that is not empty is refused and kept")
    func siteNotEmpty() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-export") { directory in
            let folder = try NetbootServerTests.folder(in: directory)
            try FileTree.write(["site/keep": .text("mine\n")], under: directory)
            #expect(throws: NetbootError.siteNotEmpty(path: directory + "/site")) {
                try NetbootExporter.export(
                    directory: folder, to: directory + "/site", baseURL: Self.base,
                    options: NetbootServerOptions(directory: folder))
            }
            #expect(try FileTree.list(directory + "/site") == ["keep"])
        }
    }
}
