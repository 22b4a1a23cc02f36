import BinaryIO
import Foundation
import ISO9660
import Testing
import TestSupport

/// Damaged images, made in code from valid ones: every read and extraction ends in a typed error naming the image
/// and the offset, or in a safe result, and nothing is ever written outside the target directory.
///
/// Every loop in the reader is bounded, so each case finishes quickly. There are no timing assertions: the time each
/// case takes shows with `swift test --verbose`, and the time of the workflows is in every failure message. The
/// 65 537-extent case is the slowest: the reader parses 65 536 records in each of five workflows, about two seconds
/// in a debug build.
@Suite("Malformed images")
struct MalformedImageTests {
    @Test("isokit image", arguments: Damage.all(for: .isokit))
    func isokitImage(_ damage: Damage) async throws {
        try await check(damage, on: .isokit)
    }

    @Test("xorriso image", .oracles("xorriso"), arguments: Damage.all(for: .xorriso))
    func xorrisoImage(_ damage: Damage) async throws {
        try await check(damage, on: .xorriso)
    }

    @Test("links of the intact image are extracted as links pointing where they did, and never followed")
    func intactLinks() async throws {
        let fixture = try await MalformedFixture(.isokit)
        let iso = try ISOImage(path: fixture.image)
        let summary = try Extractor(image: iso, options: ExtractOptions(preserveOwners: false)).extract(["/"], to: fixture.target)
        #expect(summary.symlinks == 6)
        let listing = try FileTree.list(fixture.target)
        for link in [
            "etclink -> /etc", "up -> ../../..", "evik -> \(fixture.outside)", "evim -> ../../outside",
            "sym1 -> \(fixture.outside)/file", "link -> README.txt",
        ] {
            #expect(listing.contains(link), "\(listing)")
        }
        #expect(try fixture.escapes().isEmpty)
    }

    @Test("isokit image cut at every 1024 bytes up to its last extent: a truncated error with its offset, or a whole tree")
    func isokitTruncationSweep() async throws {
        try await truncationSweep(.isokit)
    }

    @Test("xorriso image cut at every 1024 bytes up to its last extent: a truncated error with its offset, or a whole tree", .oracles("xorriso"))
    func xorrisoTruncationSweep() async throws {
        try await truncationSweep(.xorriso)
    }

    /// Cuts the intact image at every 1024 bytes and checks each cut.
    private func truncationSweep(_ maker: MalformedFixture.Maker) async throws {
        let fixture = try await MalformedFixture(maker)
        let intact = try ContentCompare.contents(of: fixture.image)
        // Cuts past the last extent only lose padding (xorriso pads 300 KiB), so the sweep stops there.
        let iso = try ISOImage(path: fixture.image)
        var end: Int64 = 0
        try iso.walk(from: iso.root()) { entry in
            for extent in entry.extents { end = max(end, extent.byteOffset + Int64(extent.length)) }
        }
        for cut in stride(from: 0, through: min(Int(end), intact.count - 1), by: 1024) {
            try Data(intact[..<cut]).write(to: URL(fileURLWithPath: fixture.image))
            try FileManager.default.removeItem(atPath: fixture.target)
            try FileManager.default.createDirectory(atPath: fixture.target, withIntermediateDirectories: false)
            let check = SafetyCheck(fixture, namespace: .auto)
            try verify(check, .readableOrRejected, fixture: fixture, case: "cut at \(cut)")
            for (workflow, outcome) in check.outcomes {
                guard case let .failure(error) = outcome else { continue }
                guard case .decode(.truncated) = (error as? ImageError)?.underlying as? ISO9660Error else {
                    Issue.record("cut at \(cut): \(workflow) threw \(error), expected a truncated error")
                    continue
                }
            }
        }
    }

    /// Damages a fresh image from `maker`, runs every workflow and checks the outcome against what `damage` expects.
    private func check(_ damage: Damage, on maker: MalformedFixture.Maker) async throws {
        let fixture = try await MalformedFixture(maker)
        let expected = try damage.apply(fixture)
        let clock = ContinuousClock()
        let start = clock.now
        let check = SafetyCheck(fixture, namespace: damage.namespace)
        let elapsed = start.duration(to: clock.now)
        try verify(check, expected, fixture: fixture, case: "\(maker): \(damage.name) (\(elapsed))")
    }

    private func verify(_ check: SafetyCheck, _ expected: Expected, fixture: MalformedFixture, case name: String) throws {
        #expect(try fixture.escapes().isEmpty, "\(name): written outside the target")
        for (workflow, outcome) in check.outcomes {
            let context = "\(name): \(workflow)"
            switch (expected, outcome) {
            case (.readable, .failure(let error)):
                Issue.record("\(context) threw \(error)")
            case (.extractionRejected(let wanted), .failure(let error)):
                #expect(workflow.hasPrefix("extract"), "\(context) threw \(error)")
                let underlying = try requireImageError(error, fixture: fixture, context: context)
                #expect(underlying == wanted, "\(context)")
            case (.extractionRejected, .success):
                #expect(!workflow.hasPrefix("extract"), "\(context) succeeded")
            case (.rejected(let wanted), .failure(let error)):
                let underlying = try requireImageError(error, fixture: fixture, context: context)
                #expect(underlying == wanted, "\(context)")
            case (.truncated, .failure(let error)):
                let underlying = try requireImageError(error, fixture: fixture, context: context)
                guard case .decode(.truncated) = underlying else {
                    Issue.record("\(context) threw \(underlying), expected a truncated error")
                    continue
                }
            case (.readableOrRejected, .failure(let error)):
                _ = try requireImageError(error, fixture: fixture, context: context)
            case (.hostConflict, .failure(let error)):
                #expect(workflow.hasPrefix("extract"), "\(context) threw \(error)")
                let host = try #require(error as? IOError, "\(context) threw \(error), not an IOError")
                #expect(host.path.hasPrefix(fixture.target + "/"), "\(context): \(host)")
            case (.hostConflict, .success):
                #expect(workflow != "extract", "\(context): extraction over a link succeeded")
            case (.rejected, .success), (.truncated, .success):
                Issue.record("\(context) succeeded")
            case (.readable, .success), (.readableOrRejected, .success):
                break
            }
        }
    }

    /// The `ISO9660Error` inside `error`, after checking that `error` is an `ImageError` for the fixture's image
    /// whose one-line message names the offset of the damage in hex with its LBA.
    private func requireImageError(_ error: any Error, fixture: MalformedFixture, context: String) throws -> ISO9660Error {
        let wrapped = try #require(error as? ImageError, "\(context) threw \(type(of: error)): \(error)")
        let underlying = try #require(wrapped.underlying as? ISO9660Error, "\(context) threw \(wrapped)")
        let message = "\(wrapped)"
        #expect(message.hasPrefix(fixture.image + ": "), "\(context): \(message)")
        #expect(!message.contains("\n"), "\(context): \(message)")
        if let offset = underlying.offset {
            #expect(message.contains(Offset.describe(offset)), "\(context): \(message)")
        }
        return underlying
    }
}
