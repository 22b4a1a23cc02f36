import BootConfig

/// What `isokit netboot image` builds: the script, the static network, the output and the components it uses.
public struct NetbootImageOptions: Hashable, Sendable {
    /// The script iPXE runs.
    public var script: NetbootImageScript
    /// Fixed IPv4 settings applied before the script (`set net0/ip …`, `ifopen net0`), for networks without DHCP;
    /// `nil` to leave the network to the script (`dhcp` before a `chain`).
    public var network: IPXEStaticNetwork?
    /// The image to write; its extension picks the ``NetbootImageFormat``.
    public var output: String
    /// The GRUB menu UEFI machines fetch and run (`http://…/boot.grub`); `nil` takes it from an
    /// `http://…/NAME.ipxe` chain URL (see ``NetbootUEFILoader/menuURL(_:)``).
    public var grubMenuURL: String?
    /// iPXE as a Linux kernel (Debian package ipxe).
    public var ipxeKernel: String
    /// GRUB's platform directories (Debian packages grub-pc-bin for `i386-pc`, grub-efi-amd64-bin for `x86_64-efi`).
    public var grubLibrary: String
    /// The ISO 9660 volume identifier, also what GRUB searches for.
    public var volumeID: String
    /// `SOURCE_DATE_EPOCH` for the ISO's dates and GUIDs; `nil` = now.
    public var sourceDateEpoch: Int64?

    /// Creates options with Debian's paths.
    public init(
        script: NetbootImageScript, network: IPXEStaticNetwork? = nil, output: String, grubMenuURL: String? = nil,
        ipxeKernel: String = "/usr/lib/ipxe/ipxe.lkrn", grubLibrary: String = "/usr/lib/grub",
        volumeID: String = "ISOKIT_IPXE", sourceDateEpoch: Int64? = nil
    ) {
        self.script = script
        self.network = network
        self.output = output
        self.grubMenuURL = grubMenuURL
        self.ipxeKernel = ipxeKernel
        self.grubLibrary = grubLibrary
        self.volumeID = volumeID
        self.sourceDateEpoch = sourceDateEpoch
    }
}
