/// xl.cfg(5) "Syntax" — one value of a setting: a string, a number or a list of values.
public enum XLValue: Hashable, Sendable {
    /// A quoted string (`'…'` or `"…"`).
    case string(String)
    /// An unquoted integer (decimal, or hexadecimal with `0x`).
    case number(Int64)
    /// A list in brackets, `[ 'a', 'b' ]`; xl reads lists of strings.
    case list([XLValue])

    /// The string, or `nil` for a number or list.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number, or `nil` for a string or list.
    public var numberValue: Int64? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The list's items, or `nil` for a string or number.
    public var listValue: [XLValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// The value as xl.cfg text: strings in single quotes, or in double quotes with backslash escapes when they hold
    /// a single quote or a control character; lists on one line.
    public func render() -> String {
        switch self {
        case .number(let value):
            return String(value)
        case .list(let items):
            return "[ " + items.map { $0.render() }.joined(separator: ", ") + " ]"
        case .string(let text):
            let plain = !text.contains("'") && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
            if plain { return "'" + text + "'" }
            var escaped = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                case "\r": escaped += "\\r"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        let hex = String(scalar.value, radix: 8)
                        escaped += "\\" + String(repeating: "0", count: 3 - hex.count) + hex
                    } else {
                        escaped.unicodeScalars.append(scalar)
                    }
                }
            }
            return escaped + "\""
        }
    }
}

extension XLValue: CustomStringConvertible {
    public var description: String { render() }
}
