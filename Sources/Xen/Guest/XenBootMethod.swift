/// How the guest's kernel is loaded.
public enum XenBootMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// The kernel and initrd are copied out of the image and named in the xl.cfg.
    case direct
    /// GRUB for Xen (`x86_64-xen`) runs in the guest and loads the kernel from the ISO itself.
    case pvgrub2
}
