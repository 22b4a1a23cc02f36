import Foundation
import Testing
import TestSupport

/// Exit codes and error lines shared by the read commands: 66 for a missing image, 65 for a damaged one, 64 for
/// bad arguments.
@Suite("isokit exit codes")
struct ExitCodeTests {
    /// The read commands, each as run on an image.
    static let readCommands: [[String]] = [["inspect"], ["inspect", "--json"], ["ls", "-R", "-l"], ["extract", "--all", "-o", "out"]]

    @Test("a missing image exits 66 with one line", arguments: readCommands)
    func missingImage(command: [String]) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(Array(command.prefix(1)) + ["nothing.iso"] + command.dropFirst())
        #expect(result.status == 66)
        #expect(result.stderr == "isokit: nothing.iso: open: No such file or directory\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("asking for a namespace the image lacks exits 66 and says which", arguments: [
        ("--no-joliet", "joliet", "Joliet volume descriptor"), ("--no-rock-ridge", "rockridge", "Rock Ridge entries"),
    ])
    func missingNamespace(flag: String, namespace: String, missing: String) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        try await fixture.expectSuccess(["create", "tree", flag, "-q", "-o", "partial.iso"])
        let result = try await fixture.run(["ls", "--namespace", namespace, "partial.iso"])
        #expect(result.status == 66)
        #expect(result.stderr == "isokit: partial.iso: ISO 9660: the image has no \(missing)\n")
        #expect(result.stdout.isEmpty)
    }

    /// Damage done to a copy of `live.iso`, named for the test.
    struct Damage: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var patches: @Sendable (_ listing: ListingJSON, _ rootLBA: UInt32) -> [(offset: Int64, bytes: [UInt8])]
        var truncate: (@Sendable (_ listing: ListingJSON, _ rootLBA: UInt32) -> Int64)?
    }

    static let damages: [Damage] = [
        Damage(testDescription: "primary descriptor signature", patches: { _, _ in [(Int64(0x8001), Array("CD002".utf8))] }),
        Damage(testDescription: "truncated in the root directory", patches: { _, _ in [] }, truncate: { _, root in Int64(root) * 2048 + 100 }),
        Damage(testDescription: "record length 1", patches: { listing, _ in [(offset(of: "/docs", in: listing), [1])] }),
        Damage(
            testDescription: "directory loop",
            patches: { listing, root in [(offset(of: "/docs", in: listing) + 2, bothEndian(root))] }),
        Damage(
            testDescription: "file extent past the end",
            patches: { listing, _ in [(offset(of: "/big.bin", in: listing) + 2, bothEndian(0x00FF_FFFF))] }),
    ]

    static func offset(of path: String, in listing: ListingJSON) -> Int64 {
        listing.entries.first { $0.path == path }?.recordOffset ?? 0
    }

    @Test("a damaged image exits 65 with one line naming the image", arguments: damages, readCommands)
    func damagedImage(damage: Damage, command: [String]) async throws {
        let fixture = try await CLIFixture()
        let listing = try CLIFixture.decode(ListingJSON.self, from: try await fixture.expectSuccess(["ls", "-R", "--json", "live.iso"]))
        let rootLBA = try fixture.rootLBA(of: "live.iso")
        _ = try fixture.damagedCopy(
            "bad.iso", patches: damage.patches(listing, rootLBA), truncate: damage.truncate?(listing, rootLBA))
        let result = try await fixture.run(Array(command.prefix(1)) + ["bad.iso"] + command.dropFirst())
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("isokit: bad.iso: "), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("\n") && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(try fixture.topLevel().isSubset(of: ["tree", "live.iso", "bad.iso", "out"]))
    }

    @Test("control characters of a name in the image are escaped in the error line")
    func controlCharacters() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let name = "x\ny\u{1B}[31m"
        try FileTree.write([name + "/f": .text("f\n")], under: fixture.path("tree"))
        try await fixture.expectSuccess(["create", "tree", "-o", "live.iso", "-q"])
        let listing = try CLIFixture.decode(ListingJSON.self, from: try await fixture.expectSuccess(["ls", "-R", "--json", "live.iso"]))
        let rootLBA = try fixture.rootLBA(of: "live.iso")
        _ = try fixture.damagedCopy("bad.iso", patches: [(Self.offset(of: "/" + name, in: listing) + 2, bothEndian(rootLBA))])
        let result = try await fixture.run(["ls", "-R", "bad.iso"])
        #expect(result.status == 65)
        #expect(result.stderr == "isokit: bad.iso: ISO 9660: directory loop at /x\\ny\\u{1B}[31m (extent LBA \(rootLBA))\n")
    }

    @Test(
        "bad arguments exit 64 with usage",
        arguments: [
            ["inspect"], ["ls", "live.iso", "--namespace", "bogus"], ["frobnicate"], ["inspect", "live.iso", "--no-such-flag"],
            ["extract", "live.iso"],
        ])
    func usage(arguments: [String]) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Usage: isokit") || result.stderr.contains("Error: "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
