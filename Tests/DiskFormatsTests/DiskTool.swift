import Foundation
import Testing

/// Runs the real partitioning tools that serve as test oracles, in temporary directories.
///
/// Tests use `.enabled(if: DiskTool.available("sgdisk"))`; with `ISOKIT_REQUIRE_ORACLES=1` a missing tool makes the
/// test run and fail instead of being skipped.
enum DiskTool {
    /// Whether every tool in `names` is on the search path (always true when oracles are required).
    static func available(_ names: String...) -> Bool {
        if ProcessInfo.processInfo.environment["ISOKIT_REQUIRE_ORACLES"] == "1" { return true }
        return names.allSatisfy { path(of: $0) != nil }
    }

    /// The full path of `name`, searching `PATH` and the sbin directories.
    static func path(of name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `name` with `arguments`; returns standard output, and throws if it exits non-zero.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
        let executable = try #require(path(of: name), "\(name) is not installed")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1700000000"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: outputData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw ToolFailure(
                command: ([name] + arguments).joined(separator: " "), status: process.terminationStatus,
                output: text + String(decoding: errorData, as: UTF8.self))
        }
        return text
    }
}

/// A tool exited with a failure status.
struct ToolFailure: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var output: String
    var description: String { "\(command) exited with \(status):\n\(output)" }
}

/// A temporary directory removed when the value is released.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("isokit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Creates a sparse file of `size` bytes.
    func sparseFile(_ name: String, size: Int64) throws -> String {
        let file = path(name)
        try #require(FileManager.default.createFile(atPath: file, contents: nil), "cannot create \(file)")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return file
    }

    /// Reads `count` bytes at `offset` of `name`.
    func bytes(_ name: String, at offset: Int64, count: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path(name)))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    /// Writes `bytes` at `offset` of `name`.
    func write(_ bytes: [UInt8], to name: String, at offset: Int64) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path(name)))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(bytes))
    }
}
