import Foundation
import Testing

/// Hex text to bytes, ignoring spaces: `hexBytes("50 58 24 01")`.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count.isMultiple(of: 2), "hex text needs an even number of digits")
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16) ?? 0 }
}

/// Runs external tools (xorriso, genisoimage, touch) that make Rock Ridge fixtures in a temporary directory.
enum RockRidgeOracle {
    /// Whether CI demands every oracle tool (`ISOKIT_REQUIRE_ORACLES=1`), so a missing one fails instead of skipping.
    static let required = ProcessInfo.processInfo.environment["ISOKIT_REQUIRE_ORACLES"] == "1"

    /// Whether `tool` is on `PATH` (or oracles are required, so the test runs and fails without it).
    static func has(_ tool: String) -> Bool {
        if required { return true }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    struct ToolFailed: Error, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var output: String
        var description: String { "\(command.joined(separator: " ")) exited with \(status): \(output)" }
    }

    /// Runs `tool` with `arguments` and a fixed `SOURCE_DATE_EPOCH`, returning its combined output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1700000000"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailed(command: [tool] + arguments, status: process.terminationStatus, output: output)
        }
        return output
    }

    /// A new empty temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("isokit-rr-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
