/// What ``ConsoleProbe`` waits for on the console: a literal text or a regular expression.
public enum ConsolePattern: Sendable, Hashable {
    /// The exact text (UTF-8 bytes), anywhere in the console output.
    case text(String)
    /// A regular expression in Swift `Regex` syntax, matched against the recent console text.
    case regex(String)
    /// Nothing: the run lasts until the machine stops by itself or the timeout passes.
    case never

    /// Checks that the pattern can match something: a text that is not empty, a regular expression that compiles.
    /// - Throws: ``QEMUError/emptyMarker``, ``QEMUError/invalidPattern(_:reason:)``.
    public func validate() throws(QEMUError) {
        switch self {
        case let .text(text):
            guard !text.isEmpty else { throw .emptyMarker }
        case .never:
            break
        case let .regex(source):
            guard !source.isEmpty else { throw .emptyMarker }
            do {
                _ = try Regex(source)
            } catch {
                throw .invalidPattern(source, reason: "\(error)")
            }
        }
    }

    /// The compiled expression of a ``regex(_:)`` pattern, `nil` for a text or an expression that does not compile
    /// (``validate()`` reports that).
    var regex: Regex<AnyRegexOutput>? {
        guard case let .regex(source) = self else { return nil }
        return try? Regex(source)
    }
}
