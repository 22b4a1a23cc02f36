import Foundation
import ISO9660
import TestSupport
import Testing

/// Debian's shipped images, as their packages install them: isokit reads them as bsdtar and xorriso do, and
/// ``ImageInspector`` reports the boot entries and partitions xorriso and fdisk report.
@Suite("Third-party images: Debian's iPXE and GRUB rescue CDs")
struct DebianImageTests {
    /// A shipped image and the package that installs it.
    struct Shipped: Sendable, CustomTestStringConvertible {
        var path: String
        var package: String

        var testDescription: String { path }

        /// Installed, or oracles are required (so a missing package fails instead of skipping).
        var available: Bool { Oracle.required || FileManager.default.fileExists(atPath: path) }
    }

    static let ipxe = Shipped(path: "/usr/lib/ipxe/ipxe.iso", package: "ipxe")
    static let grubRescue = Shipped(path: "/usr/lib/grub-rescue/grub-rescue-cdrom.iso", package: "grub-rescue-pc")
    static let images = [ipxe, grubRescue].filter(\.available)

    /// Fails with the package to install when the image is missing.
    static func require(_ image: Shipped) throws -> String {
        guard FileManager.default.fileExists(atPath: image.path) else {
            throw FixtureFailure("\(image.path) is missing: install the Debian package \(image.package)")
        }
        return image.path
    }

    @Test("isokit, bsdtar and xorriso list the same paths, modes, sizes and link targets",
          .oracles("xorriso", "bsdtar"), arguments: images)
    func listings(image: Shipped) async throws {
        let listing = try await ReaderAgreement.expectListingsAgree(try Self.require(image))
        #expect(listing.values.contains { $0.kind == .regular })
    }

    @Test("isokit and bsdtar extract the same files with the same contents", .oracles("bsdtar"), arguments: images)
    func extraction(image: Shipped) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-debian")
        let (files, _) = try await ReaderAgreement.expectExtractionsAgree(try Self.require(image), in: directory)
        #expect(!files.isEmpty)
    }

    @Test("isokit's contents equal bsdtar's, read straight from the image", .oracles("bsdtar"), arguments: images)
    func contents(image: Shipped) async throws {
        let path = try Self.require(image)
        let reader = try ISOImage(path: path)
        var entries: [ISOEntry] = []
        try reader.walk(from: reader.root()) { if $0.kind == .regular { entries.append($0) } }
        for entry in entries.prefix(40) {
            let ours = try ImageContents.bytes(of: entry, in: reader, at: 0, count: Int(entry.size))
            let theirs = try await Tool.run("bsdtar", ["xOf", path, String(entry.path.dropFirst())]).standardOutputBytes
            #expect(ours == theirs, "\(entry.path)")
        }
    }

    @Test("inspect reports the El Torito entries and partitions xorriso and fdisk report",
          .oracles("xorriso", "fdisk"), arguments: images)
    func inspection(image: Shipped) async throws {
        let path = try Self.require(image)
        try await BootReports.expectInspectionMatches(path)
        let report = try ImageInspector.inspect(path: path)
        #expect(!report.boot.isEmpty && report.partitions.mbr != nil)
    }
}
