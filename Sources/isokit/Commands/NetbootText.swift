import Netboot

/// Plain-text views of a netboot catalog.
enum NetbootText {
    /// One line per image: `NAME  FAMILY  N entries`, or why it is not offered.
    static func summary(_ catalog: NetbootCatalog) -> String {
        let lines = catalog.images.map { image in
            if let reason = image.notNetbootable { return "  \(image.name): not offered: \(reason)" }
            let count = image.entries.count
            return "  \(image.name): \(image.method?.name ?? "?"), \(count) \(count == 1 ? "entry" : "entries")"
        }
        return "isokit: \(catalog.images.count) ISO(s) in \(catalog.directory)" + (lines.isEmpty ? "" : "\n")
            + lines.joined(separator: "\n")
    }

    /// Each image with its entries' kernel, initrds and command line.
    static func listing(_ catalog: NetbootCatalog) -> String {
        var text = ""
        for image in catalog.images {
            text += "\(image.name) (\(image.file), \(image.method?.name ?? "not netbootable"))\n"
            if let reason = image.notNetbootable { text += "  not offered: \(reason)\n" }
            for entry in image.entries {
                text += "  \(entry.isDefault ? "*" : "-") \(entry.title)\n"
                if let target = entry.target {
                    text += "      kernel \(target.kernel)\n"
                    for initrd in target.initrds { text += "      initrd \(initrd)\n" }
                    text += "      args   \(target.parameters.joined(separator: " "))\n"
                }
            }
            for warning in image.warnings { text += "  warning: \(warning)\n" }
        }
        return text
    }
}
