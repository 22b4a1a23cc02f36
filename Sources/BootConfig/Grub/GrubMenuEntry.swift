/// One `menuentry` of a GRUB configuration that boots a Linux kernel (GRUB manual §16.3 "linux", "initrd").
public struct GrubMenuEntry: Hashable, Sendable, Codable {
    /// The title shown in the menu.
    public var title: String
    /// The kernel's path on the boot medium, e.g. `/boot/x86_64/vmlinuz`.
    public var kernel: String
    /// Initial ramdisks, loaded in order.
    public var initrds: [String]
    /// Kernel parameters, one word each.
    public var parameters: [String]

    /// Creates an entry.
    public init(title: String, kernel: String, initrds: [String], parameters: [String]) {
        self.title = title
        self.kernel = kernel
        self.initrds = initrds
        self.parameters = parameters
    }

    /// The entry as GRUB script text.
    func render() -> String {
        var lines = ["menuentry \(GrubQuoting.word(title)) {"]
        lines.append("    linux " + ([kernel] + parameters).map(GrubQuoting.word).joined(separator: " "))
        if !initrds.isEmpty {
            lines.append("    initrd " + initrds.map(GrubQuoting.word).joined(separator: " "))
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
