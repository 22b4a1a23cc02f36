/// xl.cfg(5) `type`: how the guest runs.
public enum XenGuestType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Paravirtualised: the kernel runs in ring 3 with Xen's PV interfaces.
    case pv
    /// PVH: a PV-aware kernel in a hardware-virtualised container (needs VT-x/AMD-V).
    case pvh
}
