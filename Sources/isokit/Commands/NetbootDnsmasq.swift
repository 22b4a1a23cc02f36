import ArgumentParser
import BootConfig

/// `isokit netboot dnsmasq`: a dnsmasq configuration that chainloads PXE firmware to iPXE and iPXE to the menu.
struct NetbootDnsmasq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dnsmasq",
        abstract: "Print a dnsmasq configuration that sends PXE clients to iPXE and iPXE to the netboot menu.",
        discussion: """
            Example: isokit netboot dnsmasq --menu-url http://192.0.2.1:8080/boot.ipxe --proxy 192.0.2.0 \
            > /etc/dnsmasq.d/isokit.conf

            --proxy answers PXE only, beside the network's DHCP server; --range makes dnsmasq the DHCP server. The \
            TFTP root holds iPXE's undionly.kpxe and ipxe.efi (Debian package ipxe: /usr/lib/ipxe).
            """)

    @Option(help: ArgumentHelp("The menu iPXE loads (netboot serve's /boot.ipxe).", valueName: "url"))
    var menuURL: String

    @Option(help: ArgumentHelp("Proxy DHCP for this IPv4 subnet address.", valueName: "A.B.C.0"))
    var proxy: String?

    @Option(help: ArgumentHelp("Full DHCP: START,END[,NETMASK[,LEASE]] (netmask 255.255.255.0, lease 12h).", valueName: "range"))
    var range: String?

    @Option(help: ArgumentHelp("Answer on this interface only.", valueName: "name"))
    var interface: String?

    @Option(help: ArgumentHelp("The TFTP root with the iPXE binaries.", valueName: "dir"))
    var tftpRoot = "/usr/lib/ipxe"

    /// The `--range` fields.
    private var rangeParts: [String] { (range ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

    func validate() throws {
        guard (proxy == nil) != (range == nil) else { throw ValidationError("give either --proxy or --range") }
        guard range == nil || (2...4).contains(rangeParts.count) else {
            throw ValidationError("--range \(range ?? ""): expected START,END[,NETMASK[,LEASE]]")
        }
    }

    func run() throws {
        try Failure.run {
            let parts = rangeParts
            let mode: DnsmasqPXEConfiguration.Mode = proxy.map { .proxy(subnet: $0) } ?? .dhcp(
                start: parts[0], end: parts[1], netmask: parts.count > 2 ? parts[2] : "255.255.255.0",
                leaseTime: parts.count > 3 ? parts[3] : "12h")
            let configuration = DnsmasqPXEConfiguration(
                mode: mode, menuURL: menuURL, tftpRoot: tftpRoot, interface: interface)
            print(try configuration.render(), terminator: "")
        }
    }
}
