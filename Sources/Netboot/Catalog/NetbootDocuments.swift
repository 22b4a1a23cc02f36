import BootConfig
import Foundation

/// The generated files of the netboot URL tree, the same whether `serve` answers with them or `export` writes them:
/// `/boot.ipxe`, `/boot.grub`, `/catalog.json` and `/host/MAC.ipxe`.
public enum NetbootDocuments {
    /// The iPXE menu of a resolved catalog.
    /// - Throws: ``NetbootError/invalidScript(reason:)`` for a title or parameter iPXE can't hold.
    public static func menu(_ catalog: NetbootCatalog, timeoutSeconds: Int) throws -> String {
        try catalog.menu(timeoutSeconds: timeoutSeconds).script().render()
    }

    /// The GRUB menu of a resolved catalog (``NetbootCatalog/grubMenu(timeoutSeconds:)``), for UEFI clients that
    /// netboot with GRUB.
    public static func grubMenu(_ catalog: NetbootCatalog, timeoutSeconds: Int) -> String {
        "# isokit netboot: GRUB menu for UEFI network boots\n" + catalog.grubMenu(timeoutSeconds: timeoutSeconds).render()
    }

    /// The catalog as pretty-printed JSON with sorted keys and a final newline.
    public static func catalogJSON(_ catalog: NetbootCatalog) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(catalog), as: UTF8.self) + "\n"
    }

    /// The script of a host without DHCP: its static settings, then a chain to `baseURL/boot.ipxe`.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for settings iPXE can't take.
    public static func hostScript(_ network: IPXEStaticNetwork, baseURL: String) throws -> String {
        try network.script(chain: baseURL + "/boot.ipxe").render()
    }
}
