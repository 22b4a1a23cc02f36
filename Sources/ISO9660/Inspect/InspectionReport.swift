/// Everything `isokit inspect` reports about an image.
public struct InspectionReport: Hashable, Sendable, Codable {
    /// The image path.
    public var image: String
    /// The image file size in bytes.
    public var fileBytes: Int64
    /// The primary volume.
    public var volume: VolumeReport
    /// Volume descriptor types in set order (`primary`, `boot`, `supplementary`, `terminator`, …).
    public var descriptors: [String]
    /// Which name spaces the image has.
    public var namespaces: NamespaceReport
    /// Files, directories and bytes in the tree of the chosen namespace.
    public var tree: TreeReport
    /// The primary volume's path tables (ECMA-119 §9.4).
    public var pathTables: PathTableReport
    /// El Torito entries, default entry first.
    public var boot: [BootEntryReport]
    /// Partition tables found in the system area.
    public var partitions: SystemAreaReport
}

/// Identifiers, dates and sizes of the primary volume descriptor (ECMA-119 §8.4).
public struct VolumeReport: Hashable, Sendable, Codable {
    public var systemID: String
    public var volumeID: String
    public var volumeSetID: String
    public var publisher: String
    public var preparer: String
    public var application: String
    /// ISO 8601 dates, `nil` when not specified.
    public var created: String?
    public var modified: String?
    public var expires: String?
    public var effective: String?
    /// Logical blocks in the volume and their size.
    public var blocks: UInt32
    public var blockSize: UInt16
    /// `blocks × blockSize`.
    public var bytes: Int64
}

/// What the type L and type M path tables of the primary volume hold.
public struct PathTableReport: Hashable, Sendable, Codable {
    /// Directories listed in the type L table.
    public var directories: Int
    /// Both tables list the same directories at the same places.
    public var tablesAgree: Bool
}

/// Which naming extensions the image carries.
public struct NamespaceReport: Hashable, Sendable, Codable {
    /// Rock Ridge present (SUSP SP in the root).
    public var rockRidge: Bool
    /// The Rock Ridge extension identifier (ER), if given.
    public var rockRidgeID: String?
    /// A Joliet supplementary descriptor present.
    public var joliet: Bool
    /// The Joliet volume identifier.
    public var jolietVolumeID: String?
    /// The namespace used for the tree numbers.
    public var used: String
}

/// Counts over the tree.
public struct TreeReport: Hashable, Sendable, Codable {
    public var files: Int
    public var directories: Int
    public var symlinks: Int
    public var otherFiles: Int
    /// Bytes of regular file data (hard links counted each time).
    public var fileBytes: Int64
}

/// One El Torito boot entry and the file it loads.
public struct BootEntryReport: Hashable, Sendable, Codable {
    /// `default` or `section N entry M`.
    public var position: String
    /// `x86`, `efi`, `powerpc`, `mac` or the hex value.
    public var platform: String
    /// `no-emulation`, `floppy-1.44`, `hard-disk`, ….
    public var media: String
    /// The bootable indicator (0x88).
    public var bootable: Bool
    /// The first block of the load image.
    public var loadLBA: UInt32
    /// 512-byte sectors the firmware loads.
    public var loadSectors: UInt16
    /// The file in the tree whose data starts at `loadLBA`, if any.
    public var loadImage: String?
    /// That file's size in bytes.
    public var loadImageBytes: Int64?
}
