/// How `isokit build --xen` makes a Xen live CD: the hypervisor staged at `/boot/xen/xen.gz` and its command line.
/// GRUB boots it with `multiboot2` and the live system's kernel and initramfs as dom0 (`module2`).
public struct LiveXenOptions: Hashable, Sendable {
    /// The hypervisor on the build host (Debian xen-hypervisor-4.17-amd64: `/boot/xen-4.17-amd64.gz`).
    public var hypervisor: String
    /// Xen command line words every Xen entry starts with (`dom0_mem=…`); the entries add their consoles.
    public var options: [String]
    /// Whether a rescue default dom0 gets Xen's toolstack from the build host (xen-utils-4.17: `xl`, `xenstored`,
    /// `xenconsoled`, `xen-init-dom0`, `xenstore`) with its libraries, started at boot; other roots bring their own.
    public var toolstack: Bool

    /// The hypervisor Debian 12's xen-hypervisor-4.17-amd64 installs.
    public static let defaultHypervisor = "/boot/xen-4.17-amd64.gz"
    /// dom0 gets a fixed 1 GiB: without a limit Xen gives it nearly all memory and then has to balloon it down.
    public static let defaultOptions = ["dom0_mem=1024M,max:1024M"]

    /// Creates Xen options; the defaults are Debian's hypervisor, a 1 GiB dom0 and the toolstack.
    public init(
        hypervisor: String = LiveXenOptions.defaultHypervisor, options: [String] = LiveXenOptions.defaultOptions,
        toolstack: Bool = true
    ) {
        self.hypervisor = hypervisor
        self.options = options
        self.toolstack = toolstack
    }
}
