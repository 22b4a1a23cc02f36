/// A named set of kernel modules the live system wants for one purpose (booting from CD, Xen disks, networking …).
public struct KernelModuleGroup: Hashable, Sendable {
    /// What the modules are for, e.g. `"cdrom"`.
    public var name: String
    /// Names the system cannot boot without: each must be built in or present.
    public var mandatory: [String]
    /// Names taken when the kernel has them.
    public var ifAvailable: [String]

    /// Creates a group.
    public init(name: String, mandatory: [String] = [], ifAvailable: [String] = []) {
        self.name = name
        self.mandatory = mandatory
        self.ifAvailable = ifAvailable
    }
}
