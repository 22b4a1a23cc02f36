import BootConfig

/// One planned domain: everything its xl.cfg says.
public struct XenGuest: Hashable, Sendable, Codable {
    /// The domain name.
    public var name: String
    /// `pv` or `pvh`.
    public var type: XenGuestType
    /// The kernel xl loads: the extracted kernel, or the GRUB Xen image for pvgrub2 (absolute host path).
    public var kernel: String
    /// The extracted initrd (absolute host path), or `nil` for pvgrub2.
    public var ramdisk: String?
    /// The kernel command line (`cmdline`); for pvgrub2, GRUB's own embedded config carries it instead.
    public var cmdline: String
    /// Memory in MiB.
    public var memoryMiB: Int
    /// Virtual CPUs.
    public var vcpus: Int
    /// The guest's static address, if `--ip-start` was given.
    public var ip: IPv4Address?
    /// xl vif specs.
    public var vifs: [String]
    /// xl disk specs, the ISO first (at `xvdc`).
    public var disks: [String]
    /// Where its xl.cfg goes (absolute host path).
    public var configPath: String
    /// How the kernel is loaded; with pvgrub2 the command line lives in GRUB's embedded config, not in the xl.cfg.
    public var boot: XenBootMethod

    /// Creates a guest.
    public init(
        name: String, type: XenGuestType, kernel: String, ramdisk: String?, cmdline: String, memoryMiB: Int, vcpus: Int,
        ip: IPv4Address?, vifs: [String], disks: [String], configPath: String, boot: XenBootMethod = .direct
    ) {
        self.name = name
        self.type = type
        self.kernel = kernel
        self.ramdisk = ramdisk
        self.cmdline = cmdline
        self.memoryMiB = memoryMiB
        self.vcpus = vcpus
        self.ip = ip
        self.vifs = vifs
        self.disks = disks
        self.configPath = configPath
        self.boot = boot
    }

    /// The guest as an xl.cfg(5) model: name, type, kernel, ramdisk, cmdline, memory, vcpus, vif, disk.
    public var xlConfig: XLConfig {
        var config = XLConfig()
        config["name"] = .string(name)
        config["type"] = .string(type.rawValue)
        config["kernel"] = .string(kernel)
        if let ramdisk { config["ramdisk"] = .string(ramdisk) }
        if !cmdline.isEmpty && boot == .direct { config["cmdline"] = .string(cmdline) }
        config["memory"] = .number(Int64(memoryMiB))
        config["vcpus"] = .number(Int64(vcpus))
        if !vifs.isEmpty { config["vif"] = .list(vifs.map(XLValue.string)) }
        config["disk"] = .list(disks.map(XLValue.string))
        return config
    }
}
