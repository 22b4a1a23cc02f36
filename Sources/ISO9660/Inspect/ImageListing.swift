/// The entries `isokit ls` prints.
public struct ImageListing: Hashable, Sendable, Codable {
    /// The image path.
    public var image: String
    /// The listed path inside the image.
    public var path: String
    /// The namespace the names come from.
    public var namespace: Namespace
    /// The entries: a directory's children (all descendants, parents first, when recursive), or the file itself.
    public var entries: [ISOEntry]

    /// Lists `path` inside the image at `image`.
    /// - Throws: ``ImageError`` for damaged images and missing paths.
    public static func list(image: String, path: String, recursive: Bool, namespace: Namespace) throws -> ImageListing {
        let iso = try ISOImage(path: image, namespace: namespace)
        let start = try iso.entry(at: path)
        var entries: [ISOEntry] = []
        if start.kind != .directory {
            entries = [start]
        } else if recursive {
            try iso.walk(from: start) { entry in
                if entry.path != start.path { entries.append(entry) }
            }
        } else {
            entries = try iso.list(start)
        }
        return ImageListing(image: image, path: start.path, namespace: iso.namespace, entries: entries)
    }
}
