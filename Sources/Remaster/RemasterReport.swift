/// What `isokit remaster` wrote (the `--json` summary).
public struct RemasterReport: Hashable, Sendable, Codable {
    /// The image written.
    public var output: String
    /// Its size in bytes.
    public var bytes: Int64
    /// Its volume id.
    public var volumeID: String
    /// The El Torito entries carried over, as `platform path-or-LBA`.
    public var bootEntries: [String]
    /// Files and directories the patches added or replaced, as paths in the image.
    public var patched: [String]
    /// Paths left out.
    public var deleted: [String]
    /// Parts of the input's boot setup the writer could not reproduce, one sentence each.
    public var notReplayed: [String]
}
