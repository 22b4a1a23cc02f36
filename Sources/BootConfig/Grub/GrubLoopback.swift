/// A `loopback DEVICE FILE` command, which mounts an image file (usually the ISO itself, `${isofile}`) as a
/// device (GRUB manual §16.3 "loopback").
public struct GrubLoopback: Hashable, Sendable, Codable {
    /// The device name the file becomes, e.g. `loop`.
    public var device: String
    /// The image file's path, as written.
    public var path: String
    /// Whether the command deletes the device (`loopback -d DEVICE`) rather than creating one.
    public var deletes: Bool
    /// The 1-based line of the command.
    public var line: Int

    /// Creates a loopback.
    public init(device: String, path: String, deletes: Bool = false, line: Int) {
        self.device = device
        self.path = path
        self.deletes = deletes
        self.line = line
    }

    /// Reads a `loopback` command; `nil` if it has neither a device nor `-d`.
    init?(_ command: GrubCommand) {
        let arguments = command.arguments
        let deletes = arguments.contains("-d")
        let positional = arguments.filter { !$0.hasPrefix("-") }
        guard let device = positional.first else { return nil }
        self.init(device: device, path: positional.dropFirst().first ?? "", deletes: deletes, line: command.line)
    }
}
