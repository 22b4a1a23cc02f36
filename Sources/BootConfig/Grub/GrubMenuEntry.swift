/// One `menuentry` of a GRUB configuration that boots a Linux kernel (GRUB manual §16.3 "linux", "initrd"), or
/// a hypervisor with the kernel as its first module (§16.3 "multiboot2", "module2").
public struct GrubMenuEntry: Hashable, Sendable, Codable {
    /// The title shown in the menu.
    public var title: String
    /// The kernel's path on the boot medium, e.g. `/boot/x86_64/vmlinuz`.
    public var kernel: String
    /// Initial ramdisks, loaded in order.
    public var initrds: [String]
    /// Kernel parameters, one word each.
    public var parameters: [String]
    /// A hypervisor (Xen) loaded first; the kernel and initrds then become its modules. `nil` boots Linux itself.
    public var hypervisor: GrubHypervisor?

    /// Creates an entry.
    /// - Parameters:
    ///   - title: The menu title.
    ///   - kernel: The kernel's path on the medium.
    ///   - initrds: Initial ramdisks, in load order.
    ///   - parameters: Kernel parameters.
    ///   - hypervisor: A hypervisor that boots the kernel as its first module, or `nil`.
    public init(
        title: String, kernel: String, initrds: [String], parameters: [String], hypervisor: GrubHypervisor? = nil
    ) {
        self.title = title
        self.kernel = kernel
        self.initrds = initrds
        self.parameters = parameters
        self.hypervisor = hypervisor
    }

    /// The entry as GRUB script text.
    func render() -> String {
        var lines = ["menuentry \(GrubQuoting.word(title)) {"]
        if let hypervisor {
            // GRUB gives a module the words after its path as its command line; the path itself is not part of
            // it, which is what Xen expects from a loader calling itself GRUB 2.
            lines.append("    multiboot2 " + ([hypervisor.path] + hypervisor.parameters).map(GrubQuoting.word).joined(separator: " "))
            lines.append("    module2 " + ([kernel] + parameters).map(GrubQuoting.word).joined(separator: " "))
            lines += initrds.map { "    module2 " + GrubQuoting.word($0) }
            lines.append("}")
            return lines.joined(separator: "\n")
        }
        lines.append("    linux " + ([kernel] + parameters).map(GrubQuoting.word).joined(separator: " "))
        if !initrds.isEmpty {
            lines.append("    initrd " + initrds.map(GrubQuoting.word).joined(separator: " "))
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
