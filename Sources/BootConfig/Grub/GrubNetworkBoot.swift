/// The config embedded in a GRUB EFI image that boots from an HTTP server instead of a medium (GRUB manual §14
/// "Booting GRUB from the network", §16.3 "net_bootp", "net_add_addr", "net_add_route", "net_add_dns", "configfile"):
/// it brings up a network card of the firmware — by DHCP, or with fixed settings for networks without DHCP — and
/// then runs the server's GRUB menu (`configfile`, so its entries make a menu).
///
/// ```swift
/// let boot = GrubNetworkBoot(menuURL: "http://192.0.2.1:8080/boot.grub",
///                            network: IPXEStaticNetwork(address: "192.0.2.50", netmask: "255.255.255.0"))
/// let early = try boot.render()   // net_add_addr …, configfile (http,192.0.2.1:8080)/boot.grub
/// ```
public struct GrubNetworkBoot: Hashable, Sendable {
    /// The GRUB menu to run, an `http://` URL (GRUB has no HTTPS).
    public var menuURL: String
    /// Fixed settings; `nil` asks DHCP (`net_bootp`). Its iPXE interface `netN` names GRUB's card `efinetN`.
    public var network: IPXEStaticNetwork?

    /// Creates an early config that reads `menuURL` over the network `network` describes.
    public init(menuURL: String, network: IPXEStaticNetwork? = nil) {
        self.menuURL = menuURL
        self.network = network
    }

    /// The script text, ending in a newline. A menu that can't be fetched leaves GRUB at its prompt after saying so.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for a URL GRUB can't fetch, an address that is
    ///   not dotted IPv4, a netmask whose bits are not contiguous, or an interface not named `netN`.
    public func render() throws(BootConfigError) -> String {
        guard let menu = Self.grubPath(url: menuURL) else {
            throw .invalidValue(field: "url", value: menuURL, reason: "GRUB fetches only http://HOST[:PORT]/PATH")
        }
        var lines: [String]
        if let network {
            let card = try Self.card(forInterface: network.interface)
            for (field, value) in [("ip", network.address), ("netmask", network.netmask)]
                + [network.gateway.map { ("gateway", $0) }, network.dns.map { ("dns", $0) }].compactMap({ $0 })
            where !DottedIPv4.isValid(value) {
                throw .invalidValue(field: field, value: value, reason: "not a dotted IPv4 address")
            }
            let prefix = try Self.prefixLength(netmask: network.netmask)
            let subnet = Self.subnet(address: network.address, prefixLength: prefix)
            lines = [
                "echo 'isokit netboot: \(network.address)/\(prefix) on \(card)'",
                "net_add_addr isokit \(card) \(network.address)",
                "net_add_route isokit-lan \(subnet)/\(prefix) isokit",
            ]
            if let gateway = network.gateway { lines.append("net_add_route isokit-default 0.0.0.0/0 gw \(gateway)") }
            if let dns = network.dns { lines.append("net_add_dns \(dns)") }
        } else {
            lines = ["echo 'isokit netboot: DHCP'", "net_bootp"]
        }
        lines += [
            "echo " + GrubQuoting.word("isokit netboot: menu \(menuURL)"),
            "configfile " + GrubQuoting.word(menu),
            "echo " + GrubQuoting.word("isokit netboot: \(menuURL) could not be fetched, or its menu was left"),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// GRUB's name for the file at an `http://HOST[:PORT]/PATH` URL, `(http,HOST[:PORT])/PATH`; `nil` for any other
    /// URL, or one with characters GRUB would split or expand.
    public static func grubPath(url: String) -> String? {
        let scheme = "http://"
        guard url.lowercased().hasPrefix(scheme) else { return nil }
        let rest = url.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let server = rest[..<slash]
        let path = rest[slash...]
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%:=+@,")
        guard !server.isEmpty, !server.contains(","), !server.contains("@"), (server + path).allSatisfy(allowed.contains)
        else { return nil }
        return "(http,\(server))\(path)"
    }

    /// GRUB's EFI card for iPXE's interface name: `net0` → `efinet0`.
    static func card(forInterface interface: String) throws(BootConfigError) -> String {
        let number = interface.dropFirst(3)
        guard interface.hasPrefix("net"), !number.isEmpty, number.allSatisfy(\.isNumber), UInt8(number) != nil else {
            throw .invalidValue(field: "interface", value: interface, reason: "not an interface name such as net0")
        }
        return "efinet\(number)"
    }

    /// The prefix length of a dotted netmask whose one bits are contiguous (`255.255.255.0` → 24).
    static func prefixLength(netmask: String) throws(BootConfigError) -> Int {
        let value = bits(netmask)
        let length = (~value).leadingZeroBitCount
        guard value == (length == 0 ? 0 : UInt32.max << (32 - length)) else {
            throw .invalidValue(field: "netmask", value: netmask, reason: "its one bits are not contiguous")
        }
        return length
    }

    /// The network address of `address` under a prefix of `prefixLength` bits, dotted.
    static func subnet(address: String, prefixLength: Int) -> String {
        let mask = prefixLength == 0 ? 0 : UInt32.max << (32 - prefixLength)
        let value = bits(address) & mask
        return (0..<4).map { String((value >> (24 - 8 * $0)) & 0xff) }.joined(separator: ".")
    }

    /// A valid dotted IPv4 address as a number.
    private static func bits(_ dotted: String) -> UInt32 {
        dotted.split(separator: ".").reduce(0) { ($0 << 8) | UInt32(UInt8($1) ?? 0) }
    }
}
