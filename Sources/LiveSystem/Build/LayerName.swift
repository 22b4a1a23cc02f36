import Foundation

/// The name part of a layer file (`10-NAME.squashfs`), from the layer directory's own name.
public enum LayerName {
    /// The directory's last path component, lower-cased, with anything but a-z, 0-9, `_` and `-` made `_`;
    /// `layer` if nothing is left.
    public static func sanitized(_ directory: String) -> String {
        let last = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent.lowercased()
        let name = String(last.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" ? $0 : "_" })
        return name.isEmpty || name == "_" ? "layer" : name
    }
}
