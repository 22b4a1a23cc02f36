import DiskFormats

/// Where an El Torito boot image comes from and how the firmware loads it.
public struct BootImageOptions: Hashable, Sendable {
    /// Which firmware the entry is for.
    public enum Firmware: String, Hashable, Sendable, Codable {
        /// PC BIOS, no-emulation (platform 0x00).
        case bios
        /// UEFI, a FAT image (platform 0xEF).
        case efi
    }

    /// The firmware the entry is for.
    public var firmware: Firmware
    /// The boot image: a path inside the tree, as with `mkisofs -b`; with ``contents``, only a name for messages.
    public var path: String
    /// The boot image's bytes, written outside the directory tree (like xorriso's `--interval:` images), e.g. one
    /// extracted from another image by ``BootSetup/writerOptions(reading:base:)``; `nil` = the file at ``path``.
    public var contents: [UInt8]?
    /// The platform ID in the catalog; `nil` = the firmware's (0x00 BIOS, 0xEF UEFI).
    public var platform: PlatformID?
    /// How the image is presented; GRUB, isolinux and EFI images use no emulation.
    public var mediaType: BootMediaType = .noEmulation
    /// The real-mode load segment; 0 for the default `0x7C0`.
    public var loadSegment: UInt16 = 0
    /// The partition type byte for hard disk emulation, else 0.
    public var systemType: UInt8 = 0
    /// Whether the entry is marked bootable.
    public var bootable = true
    /// Bytes 12–31 of a section entry (selection criteria), 20 bytes; `nil` = zeros.
    public var selectionCriteria: [UInt8]?
    /// 512-byte sectors the firmware loads; `nil` = 4 for BIOS (as `-boot-load-size 4`), the whole image for EFI.
    public var loadSectors: UInt16?
    /// Patch a boot info table into the image copy (mkisofs `-boot-info-table`).
    public var bootInfoTable: Bool
    /// Patch GRUB 2's boot info into the image copy (xorriso `--grub2-boot-info`).
    public var grub2BootInfo: Bool

    /// Creates boot image options.
    public init(
        firmware: Firmware, path: String, loadSectors: UInt16? = nil, bootInfoTable: Bool = false,
        grub2BootInfo: Bool = false
    ) {
        self.firmware = firmware
        self.path = path
        self.loadSectors = loadSectors
        self.bootInfoTable = bootInfoTable
        self.grub2BootInfo = grub2BootInfo
    }
}

/// Everything `isokit create` can set about the image it writes.
public struct ISOWriterOptions: Sendable {
    /// Volume identifier (ECMA-119 §8.4.6), up to 32 characters.
    public var volumeID = "ISOKIT"
    /// Publisher identifier (§8.4.20).
    public var publisher = ""
    /// Data preparer identifier (§8.4.21).
    public var preparer = "ISOKIT"
    /// Application identifier (§8.4.22).
    public var application = "ISOKIT"
    /// System identifier (§8.4.5).
    public var system = "LINUX"
    /// Write Rock Ridge entries (names, modes, owners, times, links, devices).
    public var rockRidge = true
    /// Write a Joliet tree (UCS-2 names up to 64 characters).
    public var joliet = true
    /// Give every file owner 0 and group 0 and normalised modes, like `mkisofs -r`.
    public var rootOwnership = false
    /// El Torito entries, in order; the first is the default entry.
    public var bootImages: [BootImageOptions] = []
    /// Write an MBR and GPT into the system area so the image also boots as a disk.
    public var hybrid = false
    /// The partition table of a hybrid image.
    public var partitionScheme: PartitionScheme = .gpt
    /// Boot code for the hybrid MBR (e.g. GRUB's boot_hybrid.img), a host path.
    public var mbrBootCode: String?
    /// Boot code for the hybrid MBR as bytes (432 to 512; bytes past 446 are not used); wins over ``mbrBootCode``.
    public var mbrBootCodeBytes: [UInt8]?
    /// What the writer patches into the boot code at `0x1B0`: GRUB's address form by default.
    public var mbrBootImageAddress: MBRBootImageAddress = .grub2
    /// Append the first EFI boot image after the ISO data as its own partition instead of pointing into the tree.
    public var appendEFIPartition = false
    /// The GPT type of the appended EFI partition; `nil` = EFI System.
    public var appendedPartitionType: GUID?
    /// The GPT name of the appended EFI partition; `nil` = "EFI System".
    public var appendedPartitionName: String?
    /// `SOURCE_DATE_EPOCH`: clamp modification times to it, record access and change times as the modification time,
    /// and derive dates and GUIDs from it, for bit-identical output.
    public var sourceDateEpoch: Int64?
    /// Add `/md5sum.txt`, an MD5 line per regular file (Debian style; check with `md5sum -c` in the root).
    public var md5List = false
    /// Glob patterns of relative paths to leave out.
    public var excludes: [String] = []

    /// Default options: Rock Ridge and Joliet, no boot entries.
    public init() {}

    /// The index in ``bootImages`` of the image appended as its own partition: the first EFI image, with
    /// ``appendEFIPartition``.
    var appendedBootImage: Int? {
        appendEFIPartition ? bootImages.firstIndex { $0.firmware == .efi } : nil
    }
}
