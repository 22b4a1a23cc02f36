import Foundation
import Subprocess
import Testing

/// A temporary host directory for the writer-tree tests, removed by ``remove()``.
struct TreeFixture {
    /// The directory's absolute path (no symbolic links in it).
    let path: String

    /// Creates an empty temporary directory.
    init() throws {
        var template = Array((NSTemporaryDirectory() + "/isokit-tree-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let created = mkdtemp(base) else { return nil }
            return String(cString: created)
        }
        let created = try #require(made, "mkdtemp: errno \(errno)")
        path = URL(fileURLWithPath: created).resolvingSymlinksInPath().path
    }

    /// Deletes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the fixture.
    func at(_ relative: String) -> String { path + "/" + relative }

    /// Writes `contents` to the file `relative`, creating parent directories.
    func file(_ relative: String, _ contents: String = "") throws {
        let url = URL(fileURLWithPath: at(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// Creates the directory `relative` and its parents.
    func directory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: at(relative), withIntermediateDirectories: true)
    }

    /// Creates the symbolic link `relative` pointing at `target` (not resolved).
    func symlink(_ relative: String, to target: String) throws {
        try #require(Foundation.symlink(target, at(relative)) == 0, "symlink \(relative): errno \(errno)")
    }

    /// Sets the modification and access time of `relative` (not following a link) to `seconds`.
    func setTimes(_ relative: String, _ seconds: Int) throws {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        try #require(utimensat(AT_FDCWD, at(relative), &times, AT_SYMLINK_NOFOLLOW) == 0, "utimensat: errno \(errno)")
    }
}

/// The real ISO tools the writer-tree tests compare against.
///
/// With `ISOKIT_REQUIRE_ORACLES=1` a missing tool makes its tests run and fail instead of being skipped.
enum TreeTool {
    /// Whether every tool in `names` is installed (always true when oracles are required).
    static func available(_ names: String...) -> Bool {
        if ProcessInfo.processInfo.environment["ISOKIT_REQUIRE_ORACLES"] == "1" { return true }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return names.allSatisfy { name in
            directories.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    /// Runs `name` with `arguments` and a fixed `SOURCE_DATE_EPOCH`; returns standard output, and fails the test if
    /// the tool exits non-zero.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) async throws -> String {
        let result = try await Subprocess.run(
            .name(name), arguments: Arguments(arguments),
            environment: .inherit.updating(["SOURCE_DATE_EPOCH": "1700000000", "LC_ALL": "C"]),
            output: .string(limit: 16 << 20), error: .string(limit: 1 << 20))
        try #require(
            result.terminationStatus.isSuccess,
            "\(name) \(arguments.joined(separator: " ")): \(result.standardError)")
        return result.standardOutput
    }

    /// The identifiers of the entries of directory `directory` of `image` as `isoinfo -l` lists them (`-J` for the
    /// Joliet tree), without `.` and `..`, in record order.
    static func listing(of image: String, directory: String = "/", joliet: Bool = false) async throws -> [String] {
        let output = try await run("isoinfo", ["-i", image, "-l"] + (joliet ? ["-J"] : []))
        var names: [String] = []
        var inside = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Directory listing of ") {
                inside = line.dropFirst("Directory listing of ".count) == directory
                continue
            }
            guard inside, let bracket = line.range(of: "]  ") else { continue }
            var name = String(line[bracket.upperBound...])
            if name.hasSuffix(" ") { name.removeLast() }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
