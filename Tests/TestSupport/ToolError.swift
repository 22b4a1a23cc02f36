/// Why ``Tool`` could not run a command or why the command failed.
public enum ToolError: Error, Hashable, Sendable {
    /// The executable is not installed; `searched` lists the paths tried.
    case notFound(tool: String, searched: [String])
    /// The command exited non-zero or was killed by a signal.
    case failed(command: String, status: Int32, standardError: String)
}

extension ToolError: CustomStringConvertible {
    /// A message naming the command, its status and its standard error.
    public var description: String {
        switch self {
        case .notFound(let tool, let searched):
            let hint = Oracle.required ? " (ISOKIT_REQUIRE_ORACLES=1: run scripts/setup)" : ""
            return "\(tool) is not installed; tried \(searched.joined(separator: ", "))\(hint)"
        case .failed(let command, let status, let standardError):
            let reason = status > 128 ? "killed by signal \(status - 128)" : "exit status \(status)"
            return "\(command): \(reason)\n\(standardError)"
        }
    }
}
