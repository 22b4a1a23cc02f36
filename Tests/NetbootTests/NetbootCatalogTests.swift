import BootConfig
import Foundation
import Netboot
import TestSupport
import Testing

@Suite("NetbootCatalog")
struct NetbootCatalogTests {
    static let base = "http://192.0.2.1:8080"

    /// The entries of a resolved catalog as stable text (no sizes, inodes or times).
    static func listing(_ catalog: NetbootCatalog) -> String {
        var text = ""
        for image in catalog.images {
            text += "\(image.name) file=\(image.file) method=\(image.method?.name ?? "-") family=\(image.family ?? "-")\n"
            if let reason = image.notNetbootable { text += "  not netbootable: \(reason)\n" }
            for entry in image.entries {
                text += "  \(entry.isDefault ? "*" : "-") \(entry.title) [\(entry.source)]\n"
                if let target = entry.target {
                    text += "    kernel \(target.kernel)\n"
                    for initrd in target.initrds { text += "    initrd \(initrd)\n" }
                    text += "    args \(target.parameters.joined(separator: " "))\n"
                }
            }
            for warning in image.warnings { text += "  warning: \(warning)\n" }
        }
        return text
    }

    @Test("the four families get their HTTP boot parameters; a plain ISO gets memdisk when memdisk exists")
    func families() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-catalog")
        let folder = try NetbootFixtures.folder(in: directory.path)
        let memdisk = directory.path("memdisk")
        try Data("memdisk".utf8).write(to: URL(fileURLWithPath: memdisk))
        let catalog = try NetbootCatalog.scan(directory: folder, options: NetbootCatalogOptions(memdiskPath: memdisk))
            .resolved(baseURL: Self.base + "/")
        try Golden.check(Self.listing(catalog), against: "catalog.txt")
        try Golden.check(try catalog.menu(timeoutSeconds: 5).script().render(), against: "catalog-menu.ipxe")
        #expect(catalog.images.map(\.name) == ["archlinux", "debian-live", "isokit-live", "plain", "ubuntu"])
    }

    @Test("without memdisk, or over the size limit, a plain ISO is listed as not netbootable, with the reason")
    func notNetbootable() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-catalog")
        let folder = directory.path("isos")
        try NetbootFixtures.iso(NetbootFixtures.plain, named: "plain.iso", in: directory.path)
        try Data("not an iso".utf8).write(to: URL(fileURLWithPath: folder + "/broken.iso"))
        let none = try NetbootCatalog.scan(directory: folder, options: NetbootCatalogOptions(memdiskPath: nil))
        #expect(none.image(named: "plain")?.notNetbootable?.contains("no memdisk to boot it whole") == true)
        #expect(none.image(named: "broken")?.notNetbootable?.hasPrefix("not a readable ISO 9660 image") == true)
        let small = try NetbootCatalog.scan(
            directory: folder, options: NetbootCatalogOptions(memdiskPath: "/bin/sh", memdiskLimitBytes: 1000))
        #expect(small.image(named: "plain")?.notNetbootable?.contains("over the memdisk limit of 1000") == true)
        let menu = try small.resolved(baseURL: Self.base).menu().script().render()
        #expect(!menu.contains("plain"))
    }

    @Test("names are URL-safe and unique", arguments: [
        ("debian live 12.iso", "debian-live-12"), ("a/b?.ISO", "a-b-"), (".hidden.iso", "iso.hidden"), ("ü.iso", "-"),
    ])
    func names(file: String, expected: String) {
        #expect(NetbootImage.urlName(for: file) == expected)
    }

    @Test("an unreadable folder is an error naming it")
    func missingFolder() {
        #expect(throws: NetbootError.self) { try NetbootCatalog.scan(directory: "/nonexistent/isos") }
    }
}
