/// One iPXE command line: a command name, its options and its arguments, each a single word except the free-form
/// tail some commands take (titles, echo text).
public struct IPXECommand: Hashable, Sendable {
    /// The command (`kernel`, `initrd`, `boot`, `menu`, `item`, `choose`, `goto`, `set`, `chain` …).
    public var name: String
    /// Words after the name, written as they are (options such as `--default`, URLs, labels, kernel parameters).
    public var words: [String]
    /// Free text written after the words (made safe with ``IPXEQuoting/text(_:)``); `nil` for none.
    public var text: String?
    /// What runs when the command fails: `|| goto LABEL`, or `|| COMMAND` for other fallbacks; `nil` to stop the
    /// script on failure (iPXE's default).
    public var orElse: String?

    /// Creates a command.
    public init(_ name: String, _ words: [String] = [], text: String? = nil, orElse: String? = nil) {
        self.name = name
        self.words = words
        self.text = text
        self.orElse = orElse
    }

    /// The command as one script line, without the newline.
    public func render() -> String {
        var line = ([name] + words).joined(separator: " ")
        if let text {
            let safe = IPXEQuoting.text(text)
            if !safe.isEmpty { line += " " + safe }
        }
        if let orElse { line += " || " + orElse }
        return line
    }

    /// The words that can't be written as one token each (see ``IPXEQuoting/isWord(_:)``).
    public var invalidWords: [String] { ([name] + words).filter { !IPXEQuoting.isWord($0) } }
}
