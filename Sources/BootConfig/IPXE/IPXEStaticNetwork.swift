/// A host's fixed IPv4 settings for iPXE, for networks without DHCP.
public struct IPXEStaticNetwork: Hashable, Sendable, Codable {
    /// The interface to configure (`net0`).
    public var interface: String
    /// The host's address (`192.0.2.10`).
    public var address: String
    /// The netmask (`255.255.255.0`).
    public var netmask: String
    /// The default gateway, if any.
    public var gateway: String?
    /// The DNS server, if any.
    public var dns: String?

    /// Creates settings.
    public init(interface: String = "net0", address: String, netmask: String, gateway: String? = nil, dns: String? = nil) {
        self.interface = interface
        self.address = address
        self.netmask = netmask
        self.gateway = gateway
        self.dns = dns
    }

    /// A script that applies the settings, opens the interface and chains to `url`:
    /// `set net0/ip …`, `set net0/netmask …`, `set net0/gateway …`, `set dns …`, `ifopen net0`, `chain URL`.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for a value that is not a dotted IPv4
    ///   address, an interface name that is not a label, or a URL with blanks.
    public func script(chain url: String) throws(BootConfigError) -> IPXEScript {
        let script = IPXEScript(lines: try configurationLines() + [.command(IPXECommand("chain", [url]))])
        try script.validate()
        return script
    }

    /// The lines that apply the settings and open the interface, without a `chain`: a comment, `set net0/ip …`,
    /// `set net0/netmask …`, `set net0/gateway …`, `set dns …`, `ifopen net0`.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for a value that is not a dotted IPv4
    ///   address or an interface name that is not a label.
    public func configurationLines() throws(BootConfigError) -> [IPXELine] {
        guard IPXEQuoting.isLabel(interface) else {
            throw .invalidValue(field: "interface", value: interface, reason: "not an interface name such as net0")
        }
        var settings = [("ip", address), ("netmask", netmask)]
        if let gateway { settings.append(("gateway", gateway)) }
        for (field, value) in settings + (dns.map { [("dns", $0)] } ?? []) where !DottedIPv4.isValid(value) {
            throw .invalidValue(field: field, value: value, reason: "not a dotted IPv4 address")
        }
        var lines: [IPXELine] = [.comment("static network for hosts without DHCP")]
        lines += settings.map { .command(IPXECommand("set", ["\(interface)/\($0.0)", $0.1])) }
        if let dns { lines.append(.command(IPXECommand("set", ["dns", dns]))) }
        lines.append(.command(IPXECommand("ifopen", [interface])))
        return lines
    }
}
