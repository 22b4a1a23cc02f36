import Foundation
import TestSupport

/// The `isokit` executable SwiftPM built for this test run, and a way to run it.
///
/// The test target depends on the executable target, so `swift build --build-tests` builds it into the products
/// directory that also holds the test runner (`.build/<triple>/debug/`).
enum IsokitBinary {
    /// The path of the built executable.
    static let path: String = candidates().first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? candidates().last ?? "isokit"

    /// Where the executable may be, most specific first: beside the running test executable (Linux), beside the
    /// `.xctest` bundle (macOS), then `.build/debug/isokit` in the package this file belongs to.
    static func candidates(testFile: String = #filePath) -> [String] {
        var directories: [URL] = []
        if let executable = Bundle.main.executablePath {
            directories.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: running).deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let package = URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        directories.append(package.appendingPathComponent(".build/debug"))
        return directories.map { $0.appendingPathComponent("isokit").path }
    }

    /// Runs `isokit` with `arguments` and returns its status and output, whatever the status.
    /// - Parameters:
    ///   - arguments: The arguments after `isokit`.
    ///   - environment: Variables added to the test's environment; `COLUMNS=80` is always set so help text wraps the
    ///     same everywhere.
    ///   - directory: The working directory.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil
    ) async throws -> ToolResult {
        try await Tool.runAllowingFailure(
            path, arguments, environment: environment.merging(["COLUMNS": "80"]) { own, _ in own },
            currentDirectory: directory)
    }
}
