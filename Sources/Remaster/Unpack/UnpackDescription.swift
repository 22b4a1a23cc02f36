import ISO9660
import LiveSystem
import SquashFS

/// The boot description `isokit unpack` writes as `DIR/isokit-unpack.json` and `isokit repack` reads: where the
/// image came from, its volume and namespaces, its whole boot setup, the boot images kept under `DIR/boot/`, its
/// live layout, and which root image `DIR/root/` was extracted from with the metadata a rebuild restores.
public struct UnpackDescription: Hashable, Sendable, Codable {
    /// The description's file name inside the unpack directory.
    public static let fileName = "isokit-unpack.json"
    /// The format version this isokit writes; ``Repacker`` refuses a newer one.
    public static let currentFormatVersion = 1

    /// The format version of this description.
    public var formatVersion: Int
    /// The image that was unpacked.
    public var input: Input
    /// The primary volume descriptor's volume id.
    public var volumeID: String
    /// Whether the image had Rock Ridge (written again if so).
    public var rockRidge: Bool
    /// Whether the image had a Joliet tree (written again if so).
    public var joliet: Bool
    /// Every El Torito entry, the MBR boot code, the partition tables.
    public var bootSetup: BootSetup
    /// Boot images that are not files of the tree (an appended ESP, an image hidden from the directories), saved
    /// under `DIR/boot/`.
    public var bootImages: [BootImageFile]
    /// The live layout, `nil` for an image that is not a known live system.
    public var layout: LiveLayout?
    /// The root file system extracted into `DIR/root/`, `nil` if none was (`--no-root`, or no live root).
    public var root: Root?

    /// Creates a description of the current format version.
    public init(
        input: Input, volumeID: String, rockRidge: Bool, joliet: Bool, bootSetup: BootSetup, bootImages: [BootImageFile],
        layout: LiveLayout?, root: Root?
    ) {
        formatVersion = Self.currentFormatVersion
        self.input = input
        self.volumeID = volumeID
        self.rockRidge = rockRidge
        self.joliet = joliet
        self.bootSetup = bootSetup
        self.bootImages = bootImages
        self.layout = layout
        self.root = root
    }

    /// The unpacked image as it was.
    public struct Input: Hashable, Sendable, Codable {
        /// The path it was read from.
        public var path: String
        /// Its size in bytes.
        public var sizeBytes: Int64
        /// Its modification time in seconds since 1970.
        public var modificationTime: Int64

        /// Creates a record.
        public init(path: String, sizeBytes: Int64, modificationTime: Int64) {
            self.path = path
            self.sizeBytes = sizeBytes
            self.modificationTime = modificationTime
        }
    }

    /// A boot image saved as a file of the unpack directory.
    public struct BootImageFile: Hashable, Sendable, Codable {
        /// The index in ``BootSetup/entries``.
        public var entry: Int
        /// The file, relative to the unpack directory (`boot/entry-2.img`).
        public var file: String
        /// Its size in bytes.
        public var sizeBytes: Int64

        /// Creates a record.
        public init(entry: Int, file: String, sizeBytes: Int64) {
            self.entry = entry
            self.file = file
            self.sizeBytes = sizeBytes
        }
    }

    /// The root file system image that `DIR/root/` holds.
    public struct Root: Hashable, Sendable, Codable {
        /// The squashfs file in the image (`/live/filesystem.squashfs`); `DIR/tree` holds the original.
        public var treePath: String
        /// Its compressor, `nil` if isokit can't write it (then `DIR/root/` can't be rebuilt).
        public var compressor: String?
        /// Its SquashFS compressor id.
        public var compressorID: UInt16
        /// Its data block size in bytes.
        public var blockSizeBytes: Int
        /// Owners, modes and devices of every entry, restored by a rebuild.
        public var metadata: SquashFSMetadataTable

        /// Creates a record.
        public init(
            treePath: String, compressor: String?, compressorID: UInt16, blockSizeBytes: Int, metadata: SquashFSMetadataTable
        ) {
            self.treePath = treePath
            self.compressor = compressor
            self.compressorID = compressorID
            self.blockSizeBytes = blockSizeBytes
            self.metadata = metadata
        }
    }
}

/// Only the version field, read before the rest so that a newer format gets a clear error.
struct UnpackFormatVersion: Decodable {
    var formatVersion: Int
}
