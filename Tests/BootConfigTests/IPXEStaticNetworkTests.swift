import BootConfig
import TestSupport
import Testing

@Suite("IPXEStaticNetwork")
struct IPXEStaticNetworkTests {
    @Test("sets ip, netmask, gateway and dns, opens the interface and chains to the menu")
    func golden() throws {
        let network = IPXEStaticNetwork(address: "192.0.2.10", netmask: "255.255.255.0", gateway: "192.0.2.1", dns: "192.0.2.53")
        try Golden.check(try network.script(chain: "http://192.0.2.1:8080/boot.ipxe").render(), against: "host.ipxe")
    }

    @Test("without gateway and dns only ip and netmask are set")
    func minimal() throws {
        let text = try IPXEStaticNetwork(interface: "net1", address: "10.1.2.3", netmask: "255.0.0.0")
            .script(chain: "http://10.0.0.1/boot.ipxe").render()
        #expect(text == "#!ipxe\n# static network for hosts without DHCP\nset net1/ip 10.1.2.3\nset net1/netmask 255.0.0.0\n"
            + "ifopen net1\nchain http://10.0.0.1/boot.ipxe\n")
    }

    @Test("addresses that are not dotted IPv4 and URLs with blanks are refused", arguments: [
        ("address", "192.0.2.256"), ("address", "192.0.2"), ("netmask", "255.255.255.0 "), ("gateway", "gw"),
    ])
    func refusals(field: String, value: String) {
        var network = IPXEStaticNetwork(address: "192.0.2.10", netmask: "255.255.255.0", gateway: "192.0.2.1")
        switch field {
        case "address": network.address = value
        case "netmask": network.netmask = value
        default: network.gateway = value
        }
        let name = field == "address" ? "ip" : field
        #expect(throws: BootConfigError.invalidValue(field: name, value: value, reason: "not a dotted IPv4 address")) {
            try network.script(chain: "http://x/")
        }
    }

    @Test("a chain URL with a blank is refused")
    func blankURL() {
        #expect(throws: BootConfigError.self) {
            try IPXEStaticNetwork(address: "192.0.2.10", netmask: "255.255.255.0").script(chain: "http://x/a b")
        }
    }
}
