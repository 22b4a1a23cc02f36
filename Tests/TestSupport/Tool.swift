import Subprocess
import SystemPackage

/// Runs command-line tools (fixture makers and oracles) from tests through swift-subprocess.
///
/// ```swift
/// try await Tool.run("xorriso", ["-as", "mkisofs", "-o", iso, tree], environment: ["SOURCE_DATE_EPOCH": "0"])
/// let report = try await Tool.run("isoinfo", ["-d", "-i", iso]).stdout
/// ```
public enum Tool {
    /// The most output kept from either stream; more makes the run throw `SubprocessError.outputLimitExceeded`.
    public static let outputLimit = 64 << 20

    /// Variables for fixture makers and oracles whose output must not depend on the clock or the locale: a fixed
    /// `SOURCE_DATE_EPOCH` (1700000000, 2023-11-14 22:13:20 UTC) and `LC_ALL=C` (plain ASCII messages, and names
    /// handled byte by byte). Pass it as `environment:` (or merge into it).
    public static let reproducibleEnvironment = ["SOURCE_DATE_EPOCH": "1700000000", "LC_ALL": "C"]

    /// Runs a command and requires it to succeed.
    /// - Parameters:
    ///   - executable: A name looked up on `PATH`, or a path.
    ///   - arguments: The arguments, without the executable.
    ///   - environment: Variables added to (or replacing those of) the test process's environment.
    ///   - currentDirectory: The working directory; the test process's own if `nil`.
    ///   - input: Bytes for standard input; none (`/dev/null`) if `nil`.
    /// - Returns: The exit status and both outputs.
    /// - Throws: ``ToolError/notFound(tool:searched:)``, ``ToolError/failed(command:status:standardError:)`` on a
    ///   non-zero exit (with standard error in the message), or a `SubprocessError` if it can't start.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        currentDirectory: String? = nil, input: [UInt8]? = nil
    ) async throws -> ToolResult {
        let result = try await runAllowingFailure(
            executable, arguments, environment: environment, currentDirectory: currentDirectory, input: input)
        guard result.succeeded else {
            throw ToolError.failed(command: result.command, status: result.status, standardError: result.stderr)
        }
        return result
    }

    /// Runs a command and returns its status whatever it is; for tests that expect a tool to reject something.
    /// - Parameters: As for ``run(_:_:environment:currentDirectory:input:)``.
    /// - Returns: The exit status and both outputs.
    /// - Throws: ``ToolError/notFound(tool:searched:)`` or a `SubprocessError` if the command can't start.
    public static func runAllowingFailure(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        currentDirectory: String? = nil, input: [UInt8]? = nil
    ) async throws -> ToolResult {
        let path = try Oracle.require(executable)
        let command = ([executable] + arguments).map(shellQuoted).joined(separator: " ")
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in environment {
            guard let key = Environment.Key(rawValue: name) else { continue }
            updates[key] = value
        }
        let configuration = Configuration(
            executable: .path(FilePath(path)), arguments: Arguments(arguments), environment: .inherit.updating(updates),
            workingDirectory: currentDirectory.map { FilePath($0) })
        let output = BytesOutput.bytes(limit: outputLimit)
        let status: TerminationStatus
        let standardOutput: [UInt8]
        let standardError: [UInt8]
        if let input {
            let result = try await Subprocess.run(
                configuration, input: .array(input), output: output, error: .bytes(limit: outputLimit))
            (status, standardOutput, standardError) =
                (result.terminationStatus, result.standardOutput, result.standardError)
        } else {
            let result = try await Subprocess.run(
                configuration, input: .none, output: output, error: .bytes(limit: outputLimit))
            (status, standardOutput, standardError) =
                (result.terminationStatus, result.standardOutput, result.standardError)
        }
        let code: Int32 =
            switch status {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        return ToolResult(
            command: command, status: code, standardOutputBytes: standardOutput, standardErrorBytes: standardError)
    }

    /// Quotes `word` for display when it contains anything a shell would split or expand.
    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./=:,+@%".unicodeScalars.contains(scalar)
        }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
