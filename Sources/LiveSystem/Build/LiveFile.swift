/// A host file added to the live system (in a top layer of its own, `90-files.squashfs`).
public struct LiveFile: Hashable, Sendable {
    /// The file on the host.
    public var source: String
    /// Its absolute path in the live system.
    public var target: String
    /// Its permission bits; the source's if `nil`.
    public var mode: UInt16?

    /// Creates a file addition.
    public init(source: String, target: String, mode: UInt16? = nil) {
        self.source = source
        self.target = target
        self.mode = mode
    }
}
