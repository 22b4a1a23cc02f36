import BootConfig
import Foundation
import Netboot
import TestSupport
import Testing

/// The hosts file of `netboot serve --hosts` and the `/host/MAC.ipxe` scripts made from it.
@Suite("NetbootHosts")
struct NetbootHostsTests {
    static let file = """
        [[host]]
        mac = "52-54-00-12-34-56"
        ip = "192.0.2.10"
        netmask = "255.255.255.0"
        gateway = "192.0.2.1"
        dns = "192.0.2.53"

        [[host]]
        mac = "525400ABCDEF"
        ip = "198.51.100.7"
        netmask = "255.255.255.0"
        interface = "net1"
        """

    @Test("entries are keyed by their MAC in colon form, with their settings")
    func load() async throws {
        try await withTemporaryDirectory(prefix: "isokit-hosts") { directory in
            try Self.file.write(toFile: directory + "/hosts.toml", atomically: false, encoding: .utf8)
            let hosts = try NetbootHosts.load(directory + "/hosts.toml")
            #expect(hosts.byMAC == [
                "52:54:00:12:34:56": IPXEStaticNetwork(
                    address: "192.0.2.10", netmask: "255.255.255.0", gateway: "192.0.2.1", dns: "192.0.2.53"),
                "52:54:00:ab:cd:ef": IPXEStaticNetwork(interface: "net1", address: "198.51.100.7", netmask: "255.255.255.0"),
            ])
        }
    }

    @Test("MAC addresses with colons, dashes or none; anything else is not one", arguments: [
        ("52:54:00:12:34:56", "52:54:00:12:34:56"), ("52-54-00-AB-CD-EF", "52:54:00:ab:cd:ef"),
        ("525400abcdef", "52:54:00:ab:cd:ef"), ("52:54:00:12:34", nil), ("52:54:00:12:34:5g", nil),
        ("5254:0012:3456", nil), ("", nil),
    ])
    func mac(text: String, expected: String?) {
        #expect(NetbootHosts.normalizedMAC(text) == expected)
    }

    @Test("a bad file names itself and the entry", arguments: [
        ("[[host]]\nmac = \"52:54:00:12:34:56\"\nip = \"192.0.2.10\"\nnetmask = \"255.255.255.0\"\nport = 1\n",
         "unknown keys: port"),
        ("[[host]]\nmac = \"52:54:00:12:34\"\nip = \"192.0.2.10\"\nnetmask = \"255.255.255.0\"\n",
         "host[0].mac: 52:54:00:12:34 is not six hex bytes (52:54:00:12:34:56)"),
        ("[[host]]\nmac = \"52:54:00:12:34:56\"\nip = \"192.0.2.300\"\nnetmask = \"255.255.255.0\"\n",
         "host[0]: ip 192.0.2.300: not a dotted IPv4 address"),
        ("[[host]]\nmac = \"52:54:00:12:34:56\"\nip = \"192.0.2.1\"\nnetmask = \"255.255.255.0\"\n"
            + "[[host]]\nmac = \"525400123456\"\nip = \"192.0.2.2\"\nnetmask = \"255.255.255.0\"\n",
         "host[1].mac: 52:54:00:12:34:56 is given twice"),
    ])
    func bad(text: String, reason: String) async throws {
        try await withTemporaryDirectory(prefix: "isokit-hosts") { directory in
            let path = directory + "/hosts.toml"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            #expect(throws: NetbootError.invalidHosts(path: path, reason: reason)) { try NetbootHosts.load(path) }
        }
    }
}
