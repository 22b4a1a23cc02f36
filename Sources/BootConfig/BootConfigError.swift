/// A boot menu file (grub.cfg, loopback.cfg, isolinux.cfg …) could not be read or edited.
///
/// Positions are 1-based: `line` counts newlines, `column` counts bytes from the start of the line.
public enum BootConfigError: Error, Hashable, Sendable {
    /// A single or double quote opened at this position is never closed (GRUB manual §6.3, quoting).
    case unterminatedQuote(quote: Character, line: Int, column: Int)
    /// A `${` opened at this position has no closing `}` on its line.
    case unterminatedVariable(line: Int, column: Int)
    /// A `}` at this position closes no open `{`.
    case unexpectedCloseBrace(line: Int, column: Int)
    /// A `{` opened at this position is never closed before the end of the file.
    case unclosedBrace(line: Int, column: Int)
    /// No entry matches the selector (an index out of range, or no entry has that title or id); `available` is
    /// the number of entries the selector chooses from.
    case noSuchEntry(BootEntrySelector, available: Int)
    /// A value given to an editor can't be written in this format, for the reason given.
    case invalidValue(field: String, value: String, reason: String)
}

extension BootConfigError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unterminatedQuote(quote, line, column):
            "line \(line), column \(column): quote \(quote) is never closed"
        case let .unterminatedVariable(line, column):
            "line \(line), column \(column): ${ has no closing }"
        case let .unexpectedCloseBrace(line, column):
            "line \(line), column \(column): } without an open {"
        case let .unclosedBrace(line, column):
            "line \(line), column \(column): { is never closed"
        case let .noSuchEntry(selector, available):
            "no boot entry \(selector) (the menu has \(available) \(available == 1 ? "entry" : "entries"))"
        case let .invalidValue(field, value, reason):
            "\(field) \(value): \(reason)"
        }
    }
}
