/// One line of an iPXE script.
public enum IPXELine: Hashable, Sendable {
    /// `# text` (made safe with ``IPXEQuoting/text(_:)``).
    case comment(String)
    /// `:label`, a `goto` target.
    case label(String)
    /// A command.
    case command(IPXECommand)
    /// An empty line, for readability.
    case blank

    /// The line without its newline.
    public func render() -> String {
        switch self {
        case .comment(let text): "# " + IPXEQuoting.text(text)
        case .label(let label): ":" + label
        case .command(let command): command.render()
        case .blank: ""
        }
    }
}
