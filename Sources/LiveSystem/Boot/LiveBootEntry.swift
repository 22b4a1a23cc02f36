/// An extra boot menu entry of a live image: its title and the kernel parameters it adds.
public struct LiveBootEntry: Hashable, Sendable {
    /// The menu title.
    public var title: String
    /// Kernel parameters added after the image's own.
    public var parameters: [String]

    /// Creates an entry.
    public init(title: String, parameters: [String]) {
        self.title = title
        self.parameters = parameters
    }
}
