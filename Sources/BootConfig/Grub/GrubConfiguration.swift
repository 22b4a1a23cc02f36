/// A `grub.cfg` with a menu of Linux entries (GRUB manual §6 "Configuration", §15.1 "default", "timeout").
///
/// ```swift
/// let menu = GrubConfiguration(timeoutSeconds: 5, serial: GrubSerialConsole(), entries: [entry])
/// try menu.render().write(...)
/// ```
public struct GrubConfiguration: Hashable, Sendable, Codable {
    /// Seconds the menu waits before booting the default entry; 0 boots it at once.
    public var timeoutSeconds: Int
    /// The index of the entry booted when the timeout passes.
    public var defaultEntry: Int
    /// A serial console beside the screen, for headless machines; `nil` for the screen only.
    public var serial: GrubSerialConsole?
    /// The menu entries, in menu order.
    public var entries: [GrubMenuEntry]

    /// Creates a configuration.
    public init(timeoutSeconds: Int, defaultEntry: Int = 0, serial: GrubSerialConsole?, entries: [GrubMenuEntry]) {
        self.timeoutSeconds = timeoutSeconds
        self.defaultEntry = defaultEntry
        self.serial = serial
        self.entries = entries
    }

    /// The configuration as GRUB script text, ending in a newline.
    public func render() -> String {
        var blocks: [String] = []
        if let serial { blocks.append(serial.render()) }
        blocks.append("set default=\(defaultEntry)\nset timeout=\(timeoutSeconds)")
        blocks += entries.map { $0.render() }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
