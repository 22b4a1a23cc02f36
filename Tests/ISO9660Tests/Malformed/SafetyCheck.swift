import BinaryIO
import Foundation
import ISO9660

/// Runs every read and extract workflow on a (damaged) image and records what each did.
///
/// Each workflow either finishes or throws; a crash or hang would end the test run itself. Extraction runs twice
/// into the same target, the second time with `overwrite`, so it meets whatever the first run left (links
/// included).
struct SafetyCheck {
    /// One workflow's result: how many entries it saw, or what it threw.
    typealias Outcome = Result<Int, any Error>

    /// The workflows, by name, in the order they ran.
    var outcomes: [(workflow: String, outcome: Outcome)] = []

    /// Walks, inspects, lists and extracts the fixture's image.
    init(_ fixture: MalformedFixture, namespace: Namespace = .auto) {
        let image = fixture.image
        record("walk") {
            let iso = try ISOImage(path: image, namespace: namespace)
            var count = 0
            try iso.walk(from: iso.root()) { _ in count += 1 }
            return count
        }
        record("inspect") {
            let report = try ImageInspector.inspect(path: image, namespace: namespace)
            return report.tree.files + report.tree.directories + report.tree.symlinks + report.tree.otherFiles
        }
        record("ls -R") {
            try ImageListing.list(image: image, path: "/", recursive: true, namespace: namespace).entries.count
        }
        for overwrite in [false, true] {
            record(overwrite ? "extract --overwrite" : "extract") {
                let iso = try ISOImage(path: image, namespace: namespace)
                let options = ExtractOptions(preserveOwners: false, overwrite: overwrite)
                let summary = try Extractor(image: iso, options: options).extract(["/"], to: fixture.target)
                return summary.files + summary.directories + summary.symlinks + summary.specialFiles
            }
        }
    }

    private mutating func record(_ workflow: String, _ body: () throws -> Int) {
        outcomes.append((workflow, Result { try body() }))
    }

    /// The workflows that read the image (not extraction).
    var reads: [(workflow: String, outcome: Outcome)] { outcomes.filter { !$0.workflow.hasPrefix("extract") } }

    /// The workflows that extract.
    var extractions: [(workflow: String, outcome: Outcome)] { outcomes.filter { $0.workflow.hasPrefix("extract") } }
}

extension ISO9660Error {
    /// The absolute image offset the error names, if it names one.
    var offset: Int64? {
        switch self {
        case let .decode(error): error.offset
        case let .continuationLoop(_, offset): offset
        default: nil
        }
    }
}

extension DecodeError {
    /// The absolute offset every case carries.
    var offset: Int64 {
        switch self {
        case let .truncated(_, offset, _, _), let .fieldOutOfRange(_, offset, _, _),
            let .byteOrderMismatch(_, offset, _, _), let .badSignature(_, offset, _, _),
            let .badChecksum(_, offset, _, _), let .invalidValue(_, offset, _):
            offset
        }
    }
}
