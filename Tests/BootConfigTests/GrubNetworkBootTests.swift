import BootConfig
import TestSupport
import Testing

@Suite("GrubNetworkBoot")
struct GrubNetworkBootTests {
    static let menu = "http://192.0.2.1:8080/boot.grub"

    @Test("fixed settings: address on the card, the subnet's route, the default route, DNS, then the menu")
    func staticNetwork() throws {
        let network = IPXEStaticNetwork(
            interface: "net1", address: "192.0.2.50", netmask: "255.255.254.0", gateway: "192.0.2.1", dns: "192.0.2.53")
        let text = try GrubNetworkBoot(menuURL: Self.menu, network: network).render()
        #expect(text == """
            echo 'isokit netboot: 192.0.2.50/23 on efinet1'
            net_add_addr isokit efinet1 192.0.2.50
            net_add_route isokit-lan 192.0.2.0/23 isokit
            net_add_route isokit-default 0.0.0.0/0 gw 192.0.2.1
            net_add_dns 192.0.2.53
            echo 'isokit netboot: menu http://192.0.2.1:8080/boot.grub'
            configfile '(http,192.0.2.1:8080)/boot.grub'
            echo 'isokit netboot: http://192.0.2.1:8080/boot.grub could not be fetched, or its menu was left'

            """)
    }

    @Test("without settings GRUB asks DHCP")
    func dhcp() throws {
        let text = try GrubNetworkBoot(menuURL: "http://boot.example.net/m/boot.grub").render()
        #expect(text.hasPrefix("echo 'isokit netboot: DHCP'\nnet_bootp\n"))
        #expect(text.contains("\nconfigfile '(http,boot.example.net)/m/boot.grub'\n"))
    }

    @Test("URLs become GRUB http paths; other schemes and odd characters do not", arguments: [
        ("http://10.0.2.2:8080/boot.grub", "(http,10.0.2.2:8080)/boot.grub"),
        ("HTTP://host/a/b.grub", "(http,host)/a/b.grub"),
        ("https://host/boot.grub", nil), ("tftp://host/boot.grub", nil), ("http://host", nil), ("http:///x", nil),
        ("http://host/a b", nil), ("http://host/${x}", nil), ("http://user@host/x", nil), ("http://a,b/x", nil),
    ])
    func paths(url: String, expected: String?) {
        #expect(GrubNetworkBoot.grubPath(url: url) == expected)
    }

    @Test("bad settings are refused naming the field", arguments: [
        ("netmask", "255.0.255.0", "its one bits are not contiguous"),
        ("ip", "192.0.2.300", "not a dotted IPv4 address"),
        ("gateway", "gw", "not a dotted IPv4 address"),
        ("interface", "eth0", "not an interface name such as net0"),
    ])
    func refusals(field: String, value: String, reason: String) {
        var network = IPXEStaticNetwork(address: "192.0.2.50", netmask: "255.255.255.0", gateway: "192.0.2.1")
        switch field {
        case "netmask": network.netmask = value
        case "ip": network.address = value
        case "gateway": network.gateway = value
        default: network.interface = value
        }
        #expect(throws: BootConfigError.invalidValue(field: field, value: value, reason: reason)) {
            try GrubNetworkBoot(menuURL: Self.menu, network: network).render()
        }
    }

    @Test("an https menu is refused: GRUB has no TLS")
    func httpsRefused() {
        #expect(throws: BootConfigError.invalidValue(
            field: "url", value: "https://x/boot.grub", reason: "GRUB fetches only http://HOST[:PORT]/PATH")) {
            try GrubNetworkBoot(menuURL: "https://x/boot.grub").render()
        }
    }

    @Test("the whole-range netmasks: /0 and /32")
    func extremeNetmasks() throws {
        let all = try GrubNetworkBoot(menuURL: Self.menu, network: IPXEStaticNetwork(address: "10.1.2.3", netmask: "0.0.0.0")).render()
        #expect(all.contains("net_add_route isokit-lan 0.0.0.0/0 isokit\n"))
        let one = try GrubNetworkBoot(
            menuURL: Self.menu, network: IPXEStaticNetwork(address: "10.1.2.3", netmask: "255.255.255.255")).render()
        #expect(one.contains("net_add_route isokit-lan 10.1.2.3/32 isokit\n"))
    }
}

@Suite("GrubNetworkBoot against grub-script-check", .oracles("grub-script-check"))
struct GrubNetworkBootScriptCheckTests {
    @Test("both forms parse")
    func parses() async throws {
        try await withTemporaryDirectory(prefix: "isokit-grub-net") { directory in
            let network = IPXEStaticNetwork(address: "192.0.2.50", netmask: "255.255.255.0", gateway: "192.0.2.1")
            for (name, boot) in [
                ("static.cfg", GrubNetworkBoot(menuURL: GrubNetworkBootTests.menu, network: network)),
                ("dhcp.cfg", GrubNetworkBoot(menuURL: GrubNetworkBootTests.menu)),
            ] {
                try FileTree.write([name: .text(try boot.render())], under: directory)
                try await Tool.run("grub-script-check", [directory + "/" + name])
            }
        }
    }
}
