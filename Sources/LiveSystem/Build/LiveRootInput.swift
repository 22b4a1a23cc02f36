/// What a live build packs as its base layer.
public enum LiveRootInput: Hashable, Sendable {
    /// isokit's rescue default: busybox, the kernel's needed modules and isokit's rescue init.
    case rescue
    /// A root file system in a directory (must contain its init, `/sbin/init` by default).
    case directory(String)
    /// A Debian root made with debootstrap (as root) and cached.
    case debian(DebianRoot)
}
