import BootConfig

/// What `isokit xen guest` was asked for.
public struct XenGuestOptions: Hashable, Sendable {
    /// The directory the kernel, initrd and `NAME.cfg` files go to.
    public var outputDirectory: String
    /// The domain name (may use `${variables}`); the image's file name without `.iso` if `nil`. With
    /// ``count`` above 1, `-1`, `-2` … is appended unless the name uses `${index}`.
    public var name: String?
    /// Memory in MiB.
    public var memoryMiB: Int
    /// Virtual CPUs.
    public var vcpus: Int
    /// xl network interface specs (`bridge=xenbr0`), may use `${variables}`.
    public var vifs: [String]
    /// Extra xl disk specs after the ISO (at `xvdc`), may use `${variables}`.
    public var disks: [String]
    /// Words appended to the kernel command line, may use `${variables}`.
    public var extraParameters: [String]
    /// `pv` or `pvh`.
    public var type: XenGuestType
    /// Direct kernel boot or pvgrub2.
    public var boot: XenBootMethod
    /// The menu entry to boot; the image's default entry if `nil`.
    public var entry: BootEntrySelector?
    /// `-D key=value` and defaults-file values, substituted as `${key}`.
    public var variables: [String: String]
    /// How many guests to plan (names `NAME-1` … `NAME-N`).
    public var count: Int
    /// The first guest's address; each further guest gets the next one. `nil` leaves addressing to DHCP.
    public var ipStart: IPv4Address?
    /// The netmask written into static `ip=` parameters.
    public var netmask: IPv4Address
    /// The gateway written into static `ip=` parameters, if any.
    public var gateway: IPv4Address?

    /// Creates options; defaults: 1024 MiB, 1 vCPU, PV, direct boot, one guest, DHCP.
    public init(
        outputDirectory: String, name: String? = nil, memoryMiB: Int = 1024, vcpus: Int = 1, vifs: [String] = [],
        disks: [String] = [], extraParameters: [String] = [], type: XenGuestType = .pv, boot: XenBootMethod = .direct,
        entry: BootEntrySelector? = nil, variables: [String: String] = [:], count: Int = 1,
        ipStart: IPv4Address? = nil, netmask: IPv4Address = IPv4Address(rawValue: 0xFFFF_FF00),
        gateway: IPv4Address? = nil
    ) {
        self.outputDirectory = outputDirectory
        self.name = name
        self.memoryMiB = memoryMiB
        self.vcpus = vcpus
        self.vifs = vifs
        self.disks = disks
        self.extraParameters = extraParameters
        self.type = type
        self.boot = boot
        self.entry = entry
        self.variables = variables
        self.count = count
        self.ipStart = ipStart
        self.netmask = netmask
        self.gateway = gateway
    }
}
