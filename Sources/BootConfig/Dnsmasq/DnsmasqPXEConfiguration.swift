/// A dnsmasq configuration that sends PXE clients to iPXE and iPXE to a menu URL (`isokit netboot dnsmasq`).
///
/// Firmware PXE (BIOS, or UEFI x86-64) first gets iPXE itself over TFTP — `undionly.kpxe` or `ipxe.efi` from Debian's
/// ipxe package; once iPXE runs, it asks again, is recognised by its user class `iPXE`, and gets the menu URL. As a
/// proxy DHCP server dnsmasq leaves addresses to the network's own DHCP server and only answers PXE (`pxe-service`);
/// as a full DHCP server it hands out addresses from a range and names the boot file (`dhcp-boot`). A PXE service's
/// file is given with its suffix, so dnsmasq adds no `.0` layer suffix.
/// Spec: dnsmasq(8) `--dhcp-range`, `--dhcp-userclass`, `--dhcp-match`, `--dhcp-boot`, `--pxe-service`,
/// `--enable-tftp`; RFC 4578 §2.1 (client architecture 7 and 9: x86-64 UEFI).
public struct DnsmasqPXEConfiguration: Hashable, Sendable {
    /// How dnsmasq takes part in DHCP.
    public enum Mode: Hashable, Sendable {
        /// Answer PXE requests only, beside the network's DHCP server, for clients in this IPv4 subnet address.
        case proxy(subnet: String)
        /// Hand out addresses from `start` to `end` with `netmask`, for `leaseTime` (dnsmasq syntax: `12h`, `30m`).
        case dhcp(start: String, end: String, netmask: String, leaseTime: String)
    }

    /// Proxy or full DHCP.
    public var mode: Mode
    /// The iPXE script iPXE loads (`http://SERVER:8080/boot.ipxe`).
    public var menuURL: String
    /// The directory dnsmasq's TFTP server serves the iPXE binaries from (Debian's ipxe package: `/usr/lib/ipxe`).
    public var tftpRoot: String
    /// The interface to answer on, all if `nil`.
    public var interface: String?
    /// iPXE for BIOS PXE, in ``tftpRoot``.
    public var biosLoader: String
    /// iPXE for x86-64 UEFI PXE, in ``tftpRoot``.
    public var uefiLoader: String

    /// Creates a configuration; the loaders default to Debian's file names.
    public init(
        mode: Mode, menuURL: String, tftpRoot: String = "/usr/lib/ipxe", interface: String? = nil,
        biosLoader: String = "undionly.kpxe", uefiLoader: String = "ipxe.efi"
    ) {
        self.mode = mode
        self.menuURL = menuURL
        self.tftpRoot = tftpRoot
        self.interface = interface
        self.biosLoader = biosLoader
        self.uefiLoader = uefiLoader
    }

    /// The configuration file's text.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for an address that is not dotted IPv4, a
    ///   lease time dnsmasq does not read, or a value with blanks, commas or quotes (dnsmasq would split it).
    public func render() throws(BootConfigError) -> String {
        for (field, value) in [("menu URL", menuURL), ("TFTP root", tftpRoot), ("BIOS loader", biosLoader),
                               ("UEFI loader", uefiLoader)] + (interface.map { [("interface", $0)] } ?? []) {
            guard !value.isEmpty, !value.contains(where: { $0 == "," || $0 == "\"" || $0 == "#" || $0.isWhitespace }) else {
                throw .invalidValue(field: field, value: value, reason: "must be one word without commas, quotes or #")
            }
        }
        guard menuURL.hasPrefix("http://") || menuURL.hasPrefix("https://") else {
            throw .invalidValue(field: "menu URL", value: menuURL, reason: "must be an http:// or https:// URL")
        }
        var lines = ["# isokit netboot: PXE firmware loads iPXE over TFTP, iPXE loads the menu over HTTP.", "port=0"]
        if let interface { lines += ["interface=\(interface)", "bind-interfaces"] }
        lines += ["enable-tftp", "tftp-root=\(tftpRoot)", "", "# iPXE says so in its user class.",
                  "dhcp-userclass=set:ipxe,iPXE"]
        switch mode {
        case .proxy(let subnet):
            try Self.checkIPv4(subnet, field: "subnet")
            lines += [
                "", "# Proxy DHCP: the network's DHCP server gives the address, dnsmasq only the boot file.",
                "dhcp-range=\(subnet),proxy",
                "pxe-service=tag:!ipxe,x86PC,\"iPXE (BIOS)\",\(biosLoader)",
                "pxe-service=tag:!ipxe,x86-64_EFI,\"iPXE (UEFI)\",\(uefiLoader)",
                "dhcp-boot=tag:ipxe,\(menuURL)",
            ]
        case let .dhcp(start, end, netmask, leaseTime):
            for (field, value) in [("range start", start), ("range end", end), ("netmask", netmask)] {
                try Self.checkIPv4(value, field: field)
            }
            guard leaseTime == "infinite" || Self.isDuration(leaseTime) else {
                throw .invalidValue(field: "lease time", value: leaseTime, reason: "expected seconds, or 30m, 12h, 1d, infinite")
            }
            lines += [
                "", "# Full DHCP: dnsmasq gives the address and the boot file.",
                "dhcp-range=\(start),\(end),\(netmask),\(leaseTime)",
                "dhcp-match=set:efi64,option:client-arch,7",
                "dhcp-match=set:efi64,option:client-arch,9",
                "dhcp-boot=tag:!ipxe,tag:!efi64,\(biosLoader)",
                "dhcp-boot=tag:!ipxe,tag:efi64,\(uefiLoader)",
                "dhcp-boot=tag:ipxe,\(menuURL)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func checkIPv4(_ text: String, field: String) throws(BootConfigError) {
        guard DottedIPv4.isValid(text) else {
            throw .invalidValue(field: field, value: text, reason: "not a dotted IPv4 address")
        }
    }

    /// Whether `text` is a dnsmasq lease time: digits, optionally followed by `s`, `m`, `h`, `d` or `w`.
    private static func isDuration(_ text: String) -> Bool {
        let digits = text.last.map { "smhdw".contains($0) } == true ? text.dropLast() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }
}
