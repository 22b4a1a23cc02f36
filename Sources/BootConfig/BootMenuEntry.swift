/// One bootable entry of a menu, the same for GRUB and syslinux: what a Xen guest or a remaster needs to know.
public struct BootMenuEntry: Hashable, Sendable, Codable {
    /// The title shown in the menu (GRUB `menuentry` title; syslinux `MENU LABEL`, else `LABEL`).
    public var title: String
    /// The entry's id: GRUB `--id`, syslinux `LABEL`; `nil` if it has none.
    public var id: String?
    /// The kernel's path as written (it may hold GRUB variables such as `${isofile}`).
    public var kernel: String
    /// Initial ramdisks, in load order, as written.
    public var initrds: [String]
    /// Kernel parameters, one word each, without syslinux's `initrd=` words.
    public var parameters: [String]
    /// For a Xen entry (GRUB `multiboot2` + `module2`): the hypervisor's path; `kernel` is then the dom0 kernel.
    public var hypervisor: String?
    /// Whether this is the entry booted when the timeout passes.
    public var isDefault: Bool

    /// Creates an entry.
    public init(
        title: String, id: String? = nil, kernel: String, initrds: [String], parameters: [String],
        hypervisor: String? = nil, isDefault: Bool = false
    ) {
        self.title = title
        self.id = id
        self.kernel = kernel
        self.initrds = initrds
        self.parameters = parameters
        self.hypervisor = hypervisor
        self.isDefault = isDefault
    }
}
