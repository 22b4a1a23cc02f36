/// Where an image keeps its live root and its boot menus, as ``LiveLayoutDetector`` found them.
public struct LiveLayout: Hashable, Sendable, Codable {
    /// The family the layout belongs to.
    public var family: LiveFamily
    /// The squashfs images of the root file system, lowest layer first (absolute paths in the image).
    public var rootImages: [String]
    /// For archiso: the base directory (`archisobasedir=`), e.g. `sysresccd`; `nil` for the other families.
    public var baseDirectory: String?
    /// GRUB and syslinux configuration files in the image (absolute paths), in path order.
    public var bootConfigs: [String]

    /// Creates a layout.
    public init(family: LiveFamily, rootImages: [String], baseDirectory: String? = nil, bootConfigs: [String]) {
        self.family = family
        self.rootImages = rootImages
        self.baseDirectory = baseDirectory
        self.bootConfigs = bootConfigs
    }
}
