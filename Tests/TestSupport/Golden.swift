import Foundation
import Testing

/// Compares generated text (grub.cfg, xl.cfg, iPXE scripts, `--json`, `--help`) with a reviewed copy in git.
///
/// The golden file for a test in `Tests/ISO9660Tests/Sub/FooTests.swift` is
/// `Tests/ISO9660Tests/Golden/NAME`. Run with `ISOKIT_UPDATE_GOLDEN=1` to write the current output instead of
/// comparing, then review the diff with `git diff`.
public enum Golden {
    /// Records a test issue if `text` differs from the golden file `name`, or writes it under `ISOKIT_UPDATE_GOLDEN=1`.
    /// - Parameters:
    ///   - text: The generated text.
    ///   - name: The golden file's name inside the test module's `Golden/` folder.
    ///   - testFile: The calling test's source file, used to find the module folder.
    ///   - sourceLocation: Where to report a mismatch.
    /// - Throws: An error if the golden file exists but can't be read, or can't be written in update mode.
    public static func check(
        _ text: String, against name: String, in testFile: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if let mismatch = try compare(text, against: name, in: testFile) {
            Issue.record(Comment(rawValue: mismatch), sourceLocation: sourceLocation)
        }
    }

    /// Compares `text` with the golden file `name` (or rewrites it under `ISOKIT_UPDATE_GOLDEN=1`).
    /// - Returns: `nil` if they match (or the file was rewritten), else a message naming the file and the lines that
    ///   differ.
    /// - Throws: An error if the golden file exists but can't be read, or can't be written in update mode.
    public static func compare(_ text: String, against name: String, in testFile: String = #filePath) throws -> String? {
        let file = url(for: name, testFile: testFile)
        if TestEnvironment.updateGolden {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
            return nil
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            return "golden file \(file.path) is missing; run with ISOKIT_UPDATE_GOLDEN=1 to create it"
        }
        let expected = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        guard expected != text else { return nil }
        let differences = lineDifferences(expected: expected, actual: text)
        return "output differs from golden file \(file.path) (ISOKIT_UPDATE_GOLDEN=1 rewrites it):\n\(differences)"
    }

    /// The golden file for `name`: `Golden/NAME` in the nearest folder of `testFile` that sits directly in `Tests/`.
    static func url(for name: String, testFile: String) -> URL {
        let source = URL(fileURLWithPath: testFile)
        var folder = source.deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            if folder.deletingLastPathComponent().lastPathComponent == "Tests" {
                return folder.appendingPathComponent("Golden").appendingPathComponent(name)
            }
            folder = folder.deletingLastPathComponent()
        }
        return source.deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
    }

    /// A short report of the lines that differ: up to `limit` of them, as `-expected` / `+actual` pairs.
    static func lineDifferences(expected: String, actual: String, limit: Int = 12) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report: [String] = []
        var shown = 0
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : nil
            let after = index < new.count ? new[index] : nil
            guard before != after else { continue }
            if shown == limit {
                report.append("… more differences")
                break
            }
            report.append("line \(index + 1):")
            if let before { report.append("-\(before)") }
            if let after { report.append("+\(after)") }
            shown += 1
        }
        return report.joined(separator: "\n")
    }
}
