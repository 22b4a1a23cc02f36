/// One `title` block of a legacy GRUB menu.lst (GRUB Legacy manual §13 "The list of available commands": title,
/// root, kernel, initrd).
public struct PVGrubMenuEntry: Hashable, Sendable, Codable {
    /// The `title` text.
    public var title: String
    /// The `root` device in GRUB Legacy notation: `(hd0,0)` for the first partition, `(hd0)` for a whole disk.
    public var root: String
    /// The kernel's path on the root device.
    public var kernel: String
    /// Kernel parameters, one word each.
    public var parameters: [String]
    /// The initrd's path on the root device, or `nil`.
    public var initrd: String?

    /// Creates an entry.
    public init(title: String, root: String, kernel: String, parameters: [String], initrd: String?) {
        self.title = title
        self.root = root
        self.kernel = kernel
        self.parameters = parameters
        self.initrd = initrd
    }
}
