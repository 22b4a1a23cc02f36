import BootConfig
import Foundation
import TestSupport
import Testing

/// The dnsmasq configuration of `isokit netboot dnsmasq`: exact text, and dnsmasq's own syntax check.
@Suite("dnsmasq PXE configuration")
struct DnsmasqPXEConfigurationTests {
    static let menu = "http://192.0.2.1:8080/boot.ipxe"

    @Test("proxy DHCP: PXE services for BIOS and UEFI firmware, the menu for iPXE")
    func proxy() throws {
        let text = try DnsmasqPXEConfiguration(mode: .proxy(subnet: "192.0.2.0"), menuURL: Self.menu).render()
        #expect(text == """
            # isokit netboot: PXE firmware loads iPXE over TFTP, iPXE loads the menu over HTTP.
            port=0
            enable-tftp
            tftp-root=/usr/lib/ipxe

            # iPXE says so in its user class.
            dhcp-userclass=set:ipxe,iPXE

            # Proxy DHCP: the network's DHCP server gives the address, dnsmasq only the boot file.
            dhcp-range=192.0.2.0,proxy
            pxe-service=tag:!ipxe,x86PC,"iPXE (BIOS)",undionly.kpxe
            pxe-service=tag:!ipxe,x86-64_EFI,"iPXE (UEFI)",ipxe.efi
            dhcp-boot=tag:ipxe,http://192.0.2.1:8080/boot.ipxe

            """)
    }

    @Test("full DHCP: a range, the loader by client architecture, the menu for iPXE, one interface")
    func dhcp() throws {
        let text = try DnsmasqPXEConfiguration(
            mode: .dhcp(start: "192.0.2.100", end: "192.0.2.200", netmask: "255.255.255.0", leaseTime: "1h"),
            menuURL: Self.menu, interface: "eth1"
        ).render()
        #expect(text.contains("interface=eth1\nbind-interfaces\n"))
        #expect(text.contains("dhcp-range=192.0.2.100,192.0.2.200,255.255.255.0,1h\n"))
        #expect(text.contains("dhcp-boot=tag:!ipxe,tag:!efi64,undionly.kpxe\ndhcp-boot=tag:!ipxe,tag:efi64,ipxe.efi\n"))
        #expect(text.hasSuffix("dhcp-boot=tag:ipxe,http://192.0.2.1:8080/boot.ipxe\n"))
    }

    @Test("dnsmasq --test accepts both configurations", .oracles("dnsmasq"))
    func dnsmasqAccepts() async throws {
        try await withTemporaryDirectory(prefix: "isokit-dnsmasq") { directory in
            let modes: [DnsmasqPXEConfiguration.Mode] = [
                .proxy(subnet: "192.0.2.0"),
                .dhcp(start: "192.0.2.100", end: "192.0.2.200", netmask: "255.255.255.0", leaseTime: "infinite"),
            ]
            for (index, mode) in modes.enumerated() {
                let path = directory + "/\(index).conf"
                try DnsmasqPXEConfiguration(mode: mode, menuURL: Self.menu, interface: "lo").render()
                    .write(toFile: path, atomically: false, encoding: .utf8)
                let result = try await Tool.run("dnsmasq", ["--test", "--conf-file=" + path])
                #expect(result.stderr.contains("syntax check OK"))
            }
        }
    }

    @Test("values dnsmasq would misread are refused with the field", arguments: [
        (DnsmasqPXEConfiguration.Mode.proxy(subnet: "192.0.2"), "http://x/", "subnet 192.0.2: not a dotted IPv4 address"),
        (.dhcp(start: "192.0.2.1", end: "192.0.2.9", netmask: "255.255.255.0", leaseTime: "soon"), "http://x/",
         "lease time soon: expected seconds, or 30m, 12h, 1d, infinite"),
        (.proxy(subnet: "192.0.2.0"), "http://x/a b", "menu URL http://x/a b: must be one word without commas, quotes or #"),
        (.proxy(subnet: "192.0.2.0"), "tftp://x/", "menu URL tftp://x/: must be an http:// or https:// URL"),
    ])
    func refused(mode: DnsmasqPXEConfiguration.Mode, url: String, message: String) {
        #expect(throws: BootConfigError.self) { try DnsmasqPXEConfiguration(mode: mode, menuURL: url).render() }
        do {
            _ = try DnsmasqPXEConfiguration(mode: mode, menuURL: url).render()
        } catch {
            #expect("\(error)" == message)
        }
    }
}
