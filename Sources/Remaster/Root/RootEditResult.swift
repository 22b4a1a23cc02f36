/// What ``RootEditor/apply(_:layout:image:overlay:work:fixedTime:)`` changed in the image.
public struct RootEditResult: Hashable, Sendable {
    /// Image paths of the files written under the overlay directory (root images, `layers.list`, sidecar checksums).
    public var written: [String]
    /// Image paths that are now wrong and must be left out of the output (an archiso root image's signature).
    public var deleted: [String]
    /// Paths inside the root that the edits made or changed, as `ROOTIMAGE:/etc/shadow` (patch trees not listed).
    public var rootFiles: [String]
    /// Sentences for the user about what could not be kept (a dropped signature).
    public var notes: [String]

    /// A result with the given lists.
    public init(written: [String] = [], deleted: [String] = [], rootFiles: [String] = [], notes: [String] = []) {
        self.written = written
        self.deleted = deleted
        self.rootFiles = rootFiles
        self.notes = notes
    }
}
