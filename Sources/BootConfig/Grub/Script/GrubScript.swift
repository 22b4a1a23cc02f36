/// A GRUB script parsed into commands and `{ }` blocks, with the bytes it came from (GRUB manual §6.3
/// "Shell-like scripting").
///
/// Only braces nest here: `if … fi`, `for … done` and `while … done` bodies stay flat in the command list, as
/// GRUB's menu entries and settings do not depend on them for their position.
public struct GrubScript: Hashable, Sendable {
    /// The script's bytes, unchanged.
    public let bytes: [UInt8]
    /// Every token, in order, comments and separators included.
    public let tokens: [GrubToken]
    /// The top-level commands, blocks nested inside their commands.
    public let commands: [GrubCommand]

    /// Parses a script.
    /// - Parameter bytes: The script's bytes (UTF-8; other bytes are kept but read as U+FFFD).
    /// - Throws: ``BootConfigError/unterminatedQuote(quote:line:column:)``,
    ///   ``BootConfigError/unterminatedVariable(line:column:)``, ``BootConfigError/unexpectedCloseBrace(line:column:)``
    ///   or ``BootConfigError/unclosedBrace(line:column:)``, each with the position of the fault.
    public init(bytes: [UInt8]) throws(BootConfigError) {
        var tokenizer = GrubTokenizer(bytes: bytes)
        let tokens = try tokenizer.tokens()
        var position = 0
        self.bytes = bytes
        self.tokens = tokens
        self.commands = try Self.block(tokens, from: &position, openedBy: nil)
    }

    /// Reads commands from `position` up to the `}` closing `openedBy`, or to the end for the top level.
    private static func block(
        _ tokens: [GrubToken], from position: inout Int, openedBy opening: GrubToken?
    ) throws(BootConfigError) -> [GrubCommand] {
        var commands: [GrubCommand] = []
        var words: [GrubToken] = []
        func flush() {
            if !words.isEmpty { commands.append(GrubCommand(words: words)) }
            words = []
        }
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token.kind {
            case .word, .reserved:
                words.append(token)
            case .newline, .semicolon:
                flush()
            case .comment:
                continue
            case .openBrace:
                let body = try block(tokens, from: &position, openedBy: token)
                commands.append(GrubCommand(words: words, block: body))
                words = []
            case .closeBrace:
                flush()
                guard opening != nil else { throw .unexpectedCloseBrace(line: token.line, column: token.column) }
                return commands
            }
        }
        if let opening { throw .unclosedBrace(line: opening.line, column: opening.column) }
        flush()
        return commands
    }
}
