/// What a finished command returned.
public struct ToolResult: Sendable, Hashable {
    /// The command as a shell would show it, for messages.
    public var command: String
    /// The exit status, or 128 + the signal number if a signal ended the command.
    public var status: Int32
    /// Standard output, byte for byte.
    public var standardOutputBytes: [UInt8]
    /// Standard error, byte for byte.
    public var standardErrorBytes: [UInt8]

    /// Creates a result.
    public init(command: String, status: Int32, standardOutputBytes: [UInt8], standardErrorBytes: [UInt8]) {
        self.command = command
        self.status = status
        self.standardOutputBytes = standardOutputBytes
        self.standardErrorBytes = standardErrorBytes
    }

    /// Standard output decoded as UTF-8 (invalid bytes become U+FFFD).
    public var stdout: String { String(decoding: standardOutputBytes, as: UTF8.self) }
    /// Standard error decoded as UTF-8 (invalid bytes become U+FFFD).
    public var stderr: String { String(decoding: standardErrorBytes, as: UTF8.self) }
    /// Whether the command exited with status 0.
    public var succeeded: Bool { status == 0 }
}
