/// What a ``ConsoleProbe`` run saw.
public struct ProbeResult: Sendable, Codable, Hashable {
    /// Whether the marker appeared before the timeout.
    public var matched: Bool
    /// How the run ended; ``matched`` is `outcome == .matched`.
    public var outcome: ProbeOutcome
    /// Seconds from starting QEMU to the marker, the timeout or QEMU's exit.
    public var elapsedSeconds: Double
    /// The end of the console output as plain text (escape sequences and control codes removed).
    public var consoleTail: String

    /// Creates a result; ``matched`` follows from `outcome`.
    public init(outcome: ProbeOutcome, elapsedSeconds: Double, consoleTail: String) {
        self.matched = outcome == .matched
        self.outcome = outcome
        self.elapsedSeconds = elapsedSeconds
        self.consoleTail = consoleTail
    }
}
