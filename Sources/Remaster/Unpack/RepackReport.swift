/// What `isokit repack` wrote (the `--json` summary).
public struct RepackReport: Hashable, Sendable, Codable {
    /// The image written.
    public var output: String
    /// Its size in bytes.
    public var bytes: Int64
    /// Its volume id.
    public var volumeID: String
    /// The El Torito entries written, as `platform path-or-LBA`.
    public var bootEntries: [String]
    /// The root image rebuilt from `root/` (a path in the image), `nil` when the original was kept byte for byte.
    public var rebuiltRoot: String?
    /// Paths in `root/` that differ from the unpacked root (added, removed or changed).
    public var rootChanges: [String]
    /// Parts of the boot setup the writer could not reproduce, one sentence each.
    public var notReplayed: [String]
}
