/// xl.cfg(5) `type`: how the guest runs.
public enum XenGuestType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Paravirtualised: the kernel runs in ring 3 with Xen's PV interfaces.
    case pv
    /// PVH: a PV-aware kernel in a hardware-virtualised container (needs VT-x/AMD-V).
    case pvh
}

/// How the guest's kernel is loaded.
public enum XenBootMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// The kernel and initrd are copied out of the image and named in the xl.cfg.
    case direct
    /// GRUB for Xen (`x86_64-xen`) runs in the guest and loads the kernel from the ISO itself.
    case pvgrub2
}
