/// Reads xl.cfg(5) text into settings, tracking line and column for errors.
struct XLConfigParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func parse() throws(XenConfigError) -> [XLSetting] {
        var settings: [XLSetting] = []
        while true {
            skipBlanksAndComments(newlines: true)
            guard let scalar = peek() else { return settings }
            if scalar == ";" {
                advance()
                continue
            }
            let keyLine = line
            let key = try identifier()
            skipBlanksAndComments(newlines: false)
            try expect("=", what: "= after \(key)")
            skipBlanksAndComments(newlines: false)
            let value = try value()
            settings.append(XLSetting(key: key, value: value, line: keyLine))
            skipBlanksAndComments(newlines: false)
            if let end = peek() {
                guard end == "\n" || end == ";" else { throw unexpected("newline or ; after the value of \(key)") }
                advance()
            }
        }
    }

    private func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Skips spaces, tabs, `\r` and `#` comments (not the newline ending a comment unless `newlines`).
    private mutating func skipBlanksAndComments(newlines: Bool) {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\r" || (newlines && scalar == "\n") {
                advance()
            } else if scalar == "#" {
                while let next = peek(), next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private func unexpected(_ expected: String) -> XenConfigError {
        let found = peek().map { $0 == "\n" ? "end of line" : "'\(Character($0))'" } ?? "end of file"
        return .unexpected(found: found, expected: expected, line: line, column: column)
    }

    private mutating func expect(_ scalar: Unicode.Scalar, what: String) throws(XenConfigError) {
        guard peek() == scalar else { throw unexpected(what) }
        advance()
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }

    private mutating func identifier() throws(XenConfigError) -> String {
        guard let first = peek(), Self.isIdentifierStart(first) else { throw unexpected("a setting name") }
        var name = ""
        while let scalar = peek(), Self.isIdentifierPart(scalar) {
            name.unicodeScalars.append(scalar)
            advance()
        }
        return name
    }

    private mutating func value() throws(XenConfigError) -> XLValue {
        guard let scalar = peek() else { throw unexpected("a value") }
        switch scalar {
        case "'", "\"": return .string(try string())
        case "[": return try list()
        case "0"..."9", "-": return .number(try number())
        default: throw unexpected("a value (a quoted string, a number or a [ list ])")
        }
    }

    private mutating func list() throws(XenConfigError) -> XLValue {
        let (openLine, openColumn) = (line, column)
        advance()
        var items: [XLValue] = []
        while true {
            skipBlanksAndComments(newlines: true)
            guard let scalar = peek() else { throw .unterminatedList(line: openLine, column: openColumn) }
            if scalar == "]" {
                advance()
                return .list(items)
            }
            items.append(try value())
            skipBlanksAndComments(newlines: true)
            guard let next = peek() else { throw .unterminatedList(line: openLine, column: openColumn) }
            if next == "," {
                advance()
            } else if next != "]" {
                throw unexpected(", or ] in the list")
            }
        }
    }

    private mutating func number() throws(XenConfigError) -> Int64 {
        let (startLine, startColumn) = (line, column)
        var text = ""
        while let scalar = peek(), Self.isIdentifierPart(scalar) || scalar == "-" {
            text.unicodeScalars.append(scalar)
            advance()
        }
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parsed: Int64? =
            digits.lowercased().hasPrefix("0x") ? Int64(digits.dropFirst(2), radix: 16) : Int64(digits, radix: 10)
        guard var value = parsed else { throw .invalidNumber(text: text, line: startLine, column: startColumn) }
        if negative { value = -value }
        return value
    }

    private mutating func string() throws(XenConfigError) -> String {
        let (openLine, openColumn) = (line, column)
        guard let quote = peek() else { throw .unterminatedString(line: openLine, column: openColumn) }
        advance()
        var text = ""
        while true {
            guard let scalar = peek(), scalar != "\n" else { throw .unterminatedString(line: openLine, column: openColumn) }
            advance()
            if scalar == quote { return text }
            guard quote == "\"", scalar == "\\" else {
                text.unicodeScalars.append(scalar)
                continue
            }
            try escape(into: &text, openLine: openLine, openColumn: openColumn)
        }
    }

    /// Reads the character after a backslash in a double-quoted string: `\n \t \r \\ \" \'` or three octal digits.
    private mutating func escape(into text: inout String, openLine: Int, openColumn: Int) throws(XenConfigError) {
        guard let scalar = peek(), scalar != "\n" else { throw .unterminatedString(line: openLine, column: openColumn) }
        switch scalar {
        case "n": text += "\n"
        case "t": text += "\t"
        case "r": text += "\r"
        case "\\", "\"", "'": text.unicodeScalars.append(scalar)
        case "0"..."7":
            var value: UInt32 = 0
            for _ in 0..<3 {
                guard let digit = peek(), ("0"..."7").contains(digit) else { throw unexpected("three octal digits") }
                value = value * 8 + (digit.value - 48)
                advance()
            }
            guard let decoded = Unicode.Scalar(value) else { throw unexpected("an octal escape below 0400") }
            text.unicodeScalars.append(decoded)
            return
        default:
            throw unexpected("an escape (\\n, \\t, \\r, \\\\, \\\", \\' or octal)")
        }
        advance()
    }
}
