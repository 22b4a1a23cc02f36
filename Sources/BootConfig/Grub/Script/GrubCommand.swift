/// One simple command of a GRUB script with its words, and the block that follows it when it opens one
/// (GRUB manual §6.3: `menuentry TITLE { … }`, `submenu TITLE { … }`, `function NAME { … }`).
public struct GrubCommand: Hashable, Sendable {
    /// The command's words, name first; may be empty for a bare `{ … }` block.
    public var words: [GrubToken]
    /// The commands between `{` and `}` when the command opens a block; `nil` otherwise.
    public var block: [GrubCommand]?

    /// Creates a command.
    public init(words: [GrubToken], block: [GrubCommand]? = nil) {
        self.words = words
        self.block = block
    }

    /// The command's name (its first word's value), or `""` for a bare block.
    public var name: String { words.first?.text ?? "" }

    /// The values of the words after the name.
    public var arguments: [String] { words.dropFirst().map(\.text) }

    /// The 1-based line where the command starts (0 for a bare block).
    public var line: Int { words.first?.line ?? 0 }

    /// The bytes from the first word's start to the last word's end; `nil` for a bare block.
    public var range: Range<Int>? {
        guard let first = words.first, let last = words.last else { return nil }
        return first.range.lowerBound..<last.range.upperBound
    }
}
