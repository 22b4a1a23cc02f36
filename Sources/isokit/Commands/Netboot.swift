import ArgumentParser

/// `isokit netboot`: serve a folder of ISOs to iPXE over HTTP.
struct Netboot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot a folder of ISOs over the network with iPXE and HTTP.",
        discussion: """
            Example: isokit netboot serve /srv/isos --listen 0.0.0.0:8080
            Then point iPXE (or a DHCP server's boot file name) at http://SERVER:8080/boot.ipxe.
            """,
        subcommands: [
            NetbootServe.self, NetbootCatalogCommand.self, NetbootExport.self, NetbootImage.self, NetbootDnsmasq.self,
        ])
}
