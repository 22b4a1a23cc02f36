/// What `isokit remaster` changes in an image.
public struct RemasterOptions: Sendable {
    /// The image to read (never modified).
    public var input: String
    /// The image to write.
    public var output: String
    /// Directories whose contents are copied over the image's tree, in order (like a `rootpatch` folder).
    public var patches: [String]
    /// Directories added to the live root file system as new squashfs layers above the image's own (isokit images:
    /// `--add-layer`, and `--patch-root`, which is one such layer); the existing layers are kept byte for byte.
    public var rootLayers: [String]
    /// Changes inside the live root of any family: patch trees (`--patch-root`), a login on `hvc0` (`--hvc0`, which
    /// also adds "(Xen console hvc0)" boot entries) and root's password hash (`--root-password`).
    public var rootEdits: RootEdits
    /// Absolute paths in the image to leave out (files or whole directories).
    public var deletions: [String]
    /// Boot menu changes.
    public var menuEdits: MenuEdits
    /// A new volume id; the input's if `nil`.
    public var volumeID: String?
    /// A fixed time for every time stamp (`SOURCE_DATE_EPOCH`).
    public var sourceDateEpoch: Int64?

    /// Options that copy `input` to `output` with no changes yet.
    public init(input: String, output: String) {
        self.input = input
        self.output = output
        patches = []
        rootLayers = []
        rootEdits = RootEdits()
        deletions = []
        menuEdits = MenuEdits()
    }
}
