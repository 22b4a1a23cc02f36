/// An xl.cfg file or a legacy GRUB menu.lst could not be read, or an xl.cfg breaks a rule of xl.cfg(5).
///
/// Positions are 1-based: `line` counts newlines, `column` counts characters from the start of the line.
public enum XenConfigError: Error, Hashable, Sendable {
    /// Something other than what the grammar allows at this position; `expected` says what would fit.
    case unexpected(found: String, expected: String, line: Int, column: Int)
    /// A string opened at this position is never closed on its line.
    case unterminatedString(line: Int, column: Int)
    /// A list `[` opened at this position is never closed before the end of the file.
    case unterminatedList(line: Int, column: Int)
    /// A number at this position does not fit in 64 bits or has a bad digit.
    case invalidNumber(text: String, line: Int, column: Int)
    /// A setting appears twice (xl.cfg(5) keeps the last; isokit refuses the ambiguity).
    case duplicateSetting(key: String, line: Int)
    /// A setting xl.cfg(5) requires is missing.
    case missingSetting(key: String)
    /// Two settings that xl.cfg(5) does not allow together.
    case conflictingSettings(String, String)
    /// A setting has the wrong kind of value (`expected` is "string", "number", "list of strings" …).
    case wrongType(key: String, expected: String)
    /// A setting's value is out of range or malformed, for the reason given.
    case invalidValue(key: String, value: String, reason: String)
    /// A menu.lst line at this position is not a command legacy GRUB knows in a menu.
    case unknownMenuCommand(command: String, line: Int)
    /// A menu.lst command outside any `title` block that needs one (`kernel`, `initrd`, `root`).
    case commandOutsideEntry(command: String, line: Int)
}

extension XenConfigError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unexpected(found, expected, line, column):
            "line \(line), column \(column): found \(found), expected \(expected)"
        case let .unterminatedString(line, column):
            "line \(line), column \(column): string is never closed"
        case let .unterminatedList(line, column):
            "line \(line), column \(column): list [ is never closed"
        case let .invalidNumber(text, line, column):
            "line \(line), column \(column): \(text) is not a number xl can read"
        case let .duplicateSetting(key, line):
            "line \(line): \(key) is set a second time"
        case let .missingSetting(key):
            "xl.cfg needs \(key)"
        case let .conflictingSettings(first, second):
            "xl.cfg can't have both \(first) and \(second)"
        case let .wrongType(key, expected):
            "\(key) must be a \(expected)"
        case let .invalidValue(key, value, reason):
            "\(key) = \(value): \(reason)"
        case let .unknownMenuCommand(command, line):
            "menu.lst line \(line): unknown command \(command)"
        case let .commandOutsideEntry(command, line):
            "menu.lst line \(line): \(command) outside a title block"
        }
    }
}
