/// One lexical token of a GRUB script (GRUB manual §6.3 "Shell-like scripting").
public struct GrubToken: Hashable, Sendable {
    /// What a token is.
    public enum Kind: Hashable, Sendable {
        /// A word: unquoted, quoted and escaped parts joined, up to unquoted white space or a separator.
        case word
        /// A newline, which ends a command.
        case newline
        /// `;`, which ends a command.
        case semicolon
        /// `{`, which opens a block (a `menuentry`, `submenu` or `function` body).
        case openBrace
        /// `}`, which closes a block.
        case closeBrace
        /// `|`, `&`, `<` or `>`: reserved by GRUB, kept as written.
        case reserved
        /// A `#` comment, to the end of its line (the newline is not part of it).
        case comment
    }

    /// What the token is.
    public var kind: Kind
    /// The token's bytes in the source, so an editor can replace exactly them.
    public var range: Range<Int>
    /// For a word, its value: quotes removed and escapes resolved, variable references kept as written
    /// (`${isofile}`, `$prefix`). For other kinds, the source text.
    public var text: String
    /// The variables a word refers to outside single quotes, by name, in order (`isofile` for `${isofile}`).
    public var variables: [String]
    /// The 1-based line of the token's first byte.
    public var line: Int
    /// The 1-based byte column of the token's first byte.
    public var column: Int

    /// Creates a token.
    public init(kind: Kind, range: Range<Int>, text: String, variables: [String] = [], line: Int, column: Int) {
        self.kind = kind
        self.range = range
        self.text = text
        self.variables = variables
        self.line = line
        self.column = column
    }
}
