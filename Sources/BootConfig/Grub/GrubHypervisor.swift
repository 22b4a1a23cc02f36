/// A hypervisor that a GRUB menu entry loads with `multiboot2` before the Linux kernel, which then goes in as
/// the first `module2` (GRUB manual §16.3 "multiboot2", "module2"; Multiboot2 specification §3.4 "Boot modules").
///
/// Xen takes the first module as dom0's kernel, the module's words as dom0's command line, and the next module
/// as dom0's initrd.
public struct GrubHypervisor: Hashable, Sendable, Codable {
    /// The hypervisor's path on the boot medium, e.g. `/boot/xen/xen.gz` (GRUB unpacks gzip itself).
    public var path: String
    /// The hypervisor's own command line, one word each (`dom0_mem=1024M`, `console=com1` …).
    public var parameters: [String]

    /// Creates a hypervisor.
    public init(path: String, parameters: [String]) {
        self.path = path
        self.parameters = parameters
    }
}
