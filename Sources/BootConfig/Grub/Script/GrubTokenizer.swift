/// Splits GRUB script bytes into tokens (GRUB manual §6.3 "Shell-like scripting": words, quoting, variable
/// expansion, comments, `;` and newlines, `{ }`).
///
/// Outside quotes a backslash takes the next byte literally and a backslash-newline joins two lines. Inside
/// double quotes a backslash escapes only `$`, `"`, `\` and a newline. Single quotes take everything literally.
public struct GrubTokenizer: Sendable {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// Creates a tokenizer over a script's bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// All tokens of the script, in order.
    /// - Throws: ``BootConfigError/unterminatedQuote(quote:line:column:)`` and
    ///   ``BootConfigError/unterminatedVariable(line:column:)`` at the opening position.
    public mutating func tokens() throws(BootConfigError) -> [GrubToken] {
        var tokens: [GrubToken] = []
        while let byte = peek() {
            let start = index
            let (startLine, startColumn) = (line, column)
            func token(_ kind: GrubToken.Kind) -> GrubToken {
                GrubToken(
                    kind: kind, range: start..<index, text: String(decoding: bytes[start..<index], as: UTF8.self),
                    line: startLine, column: startColumn)
            }
            switch byte {
            case .space, .tab, .carriageReturn:
                index += 1
            case .backslash where peek(1) == .newline:
                index += 2
                newLine()
            case .newline:
                index += 1
                tokens.append(token(.newline))
                newLine()
            case .hash:
                while let next = peek(), next != .newline { index += 1 }
                tokens.append(token(.comment))
            case .semicolon:
                index += 1
                tokens.append(token(.semicolon))
            case .openBrace:
                index += 1
                tokens.append(token(.openBrace))
            case .closeBrace:
                index += 1
                tokens.append(token(.closeBrace))
            case _ where Self.reserved.contains(byte):
                index += 1
                tokens.append(token(.reserved))
            default:
                tokens.append(try word())
            }
        }
        return tokens
    }

    /// Bytes that end an unquoted word.
    private static let separators = Set<UInt8>([
        .space, .tab, .carriageReturn, .newline, .semicolon, .openBrace, .closeBrace,
    ]).union(reserved)
    /// Bytes GRUB reserves for pipes and redirection, which it does not implement.
    private static let reserved: Set<UInt8> = Set("|&<>".utf8)

    private var column: Int { index - lineStart + 1 }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    /// Reads one word starting at `index`.
    private mutating func word() throws(BootConfigError) -> GrubToken {
        let start = index
        let (startLine, startColumn) = (line, column)
        var value: [UInt8] = []
        var variables: [String] = []
        while let byte = peek(), !Self.separators.contains(byte) {
            switch byte {
            case .backslash:
                if peek(1) == .newline {
                    index += 2
                    newLine()
                } else if let next = peek(1) {
                    value.append(next)
                    index += 2
                } else {
                    value.append(byte)
                    index += 1
                }
            case .singleQuote:
                let (quoteLine, quoteColumn) = (line, column)
                index += 1
                while true {
                    guard let next = peek() else {
                        throw .unterminatedQuote(quote: "'", line: quoteLine, column: quoteColumn)
                    }
                    index += 1
                    if next == .singleQuote { break }
                    value.append(next)
                    if next == .newline { newLine() }
                }
            case .doubleQuote:
                let (quoteLine, quoteColumn) = (line, column)
                index += 1
                while true {
                    guard let next = peek() else {
                        throw .unterminatedQuote(quote: "\"", line: quoteLine, column: quoteColumn)
                    }
                    if next == .doubleQuote {
                        index += 1
                        break
                    }
                    if next == .dollar {
                        try variable(into: &value, names: &variables)
                        continue
                    }
                    index += 1
                    if next == .backslash, let escaped = peek(), Self.escapableInDoubleQuotes.contains(escaped) {
                        index += 1
                        if escaped == .newline { newLine() } else { value.append(escaped) }
                        continue
                    }
                    value.append(next)
                    if next == .newline { newLine() }
                }
            case .dollar:
                try variable(into: &value, names: &variables)
            default:
                value.append(byte)
                index += 1
            }
        }
        return GrubToken(
            kind: .word, range: start..<index, text: String(decoding: value, as: UTF8.self), variables: variables,
            line: startLine, column: startColumn)
    }

    /// Reads `$name`, `${name}` or a lone `$` at `index`, appending it as written to `value`.
    private mutating func variable(into value: inout [UInt8], names: inout [String]) throws(BootConfigError) {
        let start = index
        let startColumn = column
        index += 1
        if peek() == .openBrace {
            index += 1
            while true {
                guard let next = peek(), next != .newline else {
                    throw .unterminatedVariable(line: line, column: startColumn)
                }
                index += 1
                if next == .closeBrace { break }
            }
            names.append(String(decoding: bytes[(start + 2)..<(index - 1)], as: UTF8.self))
        } else if let next = peek(), Self.special.contains(next) {
            index += 1
            names.append(String(decoding: [next], as: UTF8.self))
        } else {
            while let next = peek(), Self.nameBytes.contains(next) { index += 1 }
            if index > start + 1 { names.append(String(decoding: bytes[(start + 1)..<index], as: UTF8.self)) }
        }
        value.append(contentsOf: bytes[start..<index])
    }

    /// Bytes a backslash escapes inside double quotes; before any other byte it stays a backslash.
    private static let escapableInDoubleQuotes = Set<UInt8>([.dollar, .doubleQuote, .backslash, .newline])

    /// Bytes of a variable name: letters, digits and `_`.
    private static let nameBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_".utf8)
    /// One-byte special variable names (`$?`, `$#`, `$@`, `$*`).
    private static let special = Set("?#@*".utf8)
}

extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let hash = UInt8(ascii: "#")
    static let semicolon = UInt8(ascii: ";")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let backslash = UInt8(ascii: "\\")
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let dollar = UInt8(ascii: "$")
}
