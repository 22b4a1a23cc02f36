import BootConfig
import LiveSystem

/// Fixed network settings for hosts without DHCP, read from a hosts file (`--hosts hosts.toml`) and served as
/// `/host/MAC.ipxe`: `set net0/ip …`, `ifopen`, then a chain to the menu.
///
/// ```toml
/// [[host]]
/// mac = "52:54:00:12:34:56"
/// ip = "192.0.2.10"
/// netmask = "255.255.255.0"
/// gateway = "192.0.2.1"     # optional
/// dns = "192.0.2.1"         # optional
/// interface = "net0"        # optional, net0 by default
/// ```
public struct NetbootHosts: Hashable, Sendable {
    /// Each host's settings by MAC address (lower case, colons).
    public var byMAC: [String: IPXEStaticNetwork]

    /// Hosts given in code.
    public init(byMAC: [String: IPXEStaticNetwork] = [:]) {
        self.byMAC = byMAC
    }

    /// One `[[host]]` table of the file.
    private struct Host: Decodable {
        var mac: String
        var ip: String
        var netmask: String
        var gateway: String?
        var dns: String?
        var interface: String?
    }

    /// The file's top level.
    private struct File: Decodable {
        var host: [Host]?
    }

    /// Reads and checks the hosts file at `path`.
    /// - Throws: ``NetbootError/invalidHosts(path:reason:)`` naming the file and the TOML error, the unknown key, a
    ///   MAC address given twice or not of six hex bytes, or an address that is not dotted IPv4.
    public static func load(_ path: String) throws(NetbootError) -> NetbootHosts {
        let file: File
        do {
            file = try StrictTOML.decode(File.self, from: path)
        } catch {
            throw .invalidHosts(path: error.path, reason: error.reason)
        }
        var hosts = NetbootHosts()
        for (index, host) in (file.host ?? []).enumerated() {
            let place = "host[\(index)]"
            guard let mac = normalizedMAC(host.mac) else {
                throw .invalidHosts(path: path, reason: "\(place).mac: \(host.mac) is not six hex bytes (52:54:00:12:34:56)")
            }
            guard hosts.byMAC[mac] == nil else { throw .invalidHosts(path: path, reason: "\(place).mac: \(mac) is given twice") }
            let network = IPXEStaticNetwork(
                interface: host.interface ?? "net0", address: host.ip, netmask: host.netmask, gateway: host.gateway,
                dns: host.dns)
            do {
                _ = try network.script(chain: "http://check/boot.ipxe")
            } catch {
                throw .invalidHosts(path: path, reason: "\(place): \(error)")
            }
            hosts.byMAC[mac] = network
        }
        return hosts
    }

    /// `text` as six lower-case hex bytes joined by colons, from colons, dashes or plain hex (iPXE's `${net0/mac}`
    /// gives colons); `nil` if it is not a MAC address.
    public static func normalizedMAC(_ text: String) -> String? {
        let hex = text.lowercased().filter { $0 != ":" && $0 != "-" }
        let separators = text.count - hex.count
        guard hex.count == 12, separators == 0 || separators == 5, hex.allSatisfy(\.isHexDigit) else { return nil }
        var pairs: [Substring] = []
        var rest = Substring(hex)
        while !rest.isEmpty {
            pairs.append(rest.prefix(2))
            rest = rest.dropFirst(2)
        }
        return pairs.joined(separator: ":")
    }
}
