import BinaryIO

/// El Torito 1.0 §2.2 (Initial/Default Entry) and §2.4 (Section Entry) — a 32-byte boot entry, followed by any
/// Section Entry Extensions (§2.5) it announces.
public struct ElToritoBootEntry: Hashable, Sendable {
    /// `0x88` bootable, `0x00` not bootable.
    public var bootIndicator: UInt8
    /// How the image is presented (byte 1, bits 0–3).
    public var mediaType: BootMediaType
    /// Byte 1, bits 4–7 of a section entry: bit 5 "continuation entry follows", bit 6 "image contains an ATAPI
    /// driver", bit 7 "image contains SCSI drivers". Zero in a default entry.
    public var mediaFlags: UInt8
    /// Real-mode segment to load the image at; 0 means the traditional `0x7C0`.
    public var loadSegment: UInt16
    /// For hard disk emulation, the partition type byte of the image's partition table.
    public var systemType: UInt8
    /// Byte 5; unused, zero by the spec, kept verbatim.
    public var reserved: UInt8
    /// Number of 512-byte virtual sectors the BIOS loads (no emulation); UEFI firmware reads the whole image.
    public var sectorCount: UInt16
    /// The 2048-byte sector where the image starts.
    public var loadLBA: UInt32
    /// Bytes 12–31: zero in a default entry; the selection criteria type (byte 12) and vendor-unique criteria in a
    /// section entry. Kept verbatim.
    public var selectionCriteria: [UInt8]
    /// Section Entry Extension records (§2.5) that follow this entry, 32 bytes each (starting `0x44`), verbatim.
    public var extensions: [[UInt8]]

    /// The size of the entry itself.
    public static let size = 32
    /// The boot indicator of a bootable entry.
    public static let bootable: UInt8 = 0x88
    /// The indicator byte of a Section Entry Extension.
    public static let extensionIndicator: UInt8 = 0x44
    /// The media flag bit that announces an extension record (§2.4 offset 1 bit 5; §2.5 offset 1 bit 5).
    public static let continuationFlag: UInt8 = 1 << 5

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - bootable: Whether the BIOS or firmware may boot it.
    ///   - mediaType: The emulation mode.
    ///   - loadSegment: Load segment; 0 for the default.
    ///   - systemType: Partition type for hard disk emulation, else 0.
    ///   - sectorCount: 512-byte sectors to load.
    ///   - loadLBA: Start of the image in 2048-byte sectors.
    public init(
        bootable: Bool = true, mediaType: BootMediaType = .noEmulation, loadSegment: UInt16 = 0, systemType: UInt8 = 0,
        sectorCount: UInt16, loadLBA: UInt32
    ) {
        bootIndicator = bootable ? Self.bootable : 0
        self.mediaType = mediaType
        mediaFlags = 0
        self.loadSegment = loadSegment
        self.systemType = systemType
        reserved = 0
        self.sectorCount = sectorCount
        self.loadLBA = loadLBA
        selectionCriteria = Array(repeating: 0, count: 20)
        extensions = []
    }

    /// Decodes an entry and the extension records its flags announce.
    ///
    /// - Parameters:
    ///   - bytes: The entry and the catalog bytes after it.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a boot indicator other than `0x88`/`0x00`;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` if an announced extension does not start
    ///   with `0x44`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "El Torito boot entry")
        try reader.require(Self.size)
        bootIndicator = try reader.uint8()
        guard bootIndicator == Self.bootable || bootIndicator == 0 else {
            throw .invalidValue(
                field: "El Torito boot indicator", offset: offset,
                reason: "0x\(String(bootIndicator, radix: 16)) is neither 0x88 nor 0x00")
        }
        let media = try reader.uint8()
        mediaType = BootMediaType(rawValue: media & 0x0F)
        mediaFlags = media & 0xF0
        loadSegment = try reader.uint16LE()
        systemType = try reader.uint8()
        reserved = try reader.uint8()
        sectorCount = try reader.uint16LE()
        loadLBA = try reader.uint32LE()
        selectionCriteria = Array(try reader.bytes(20))
        var extensions: [[UInt8]] = []
        var more = mediaFlags & Self.continuationFlag != 0
        while more {
            var record = ByteReader(
                bytes[reader.index...], at: reader.offset, structure: "El Torito section entry extension")
            try record.require(Self.size)
            try record.expect([Self.extensionIndicator])
            let raw = try reader.bytes(Self.size)
            more = raw[raw.startIndex + 1] & Self.continuationFlag != 0
            extensions.append(Array(raw))
        }
        self.extensions = extensions
    }

    /// The 32 bytes of the entry followed by its extension records.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size * (1 + extensions.count))
        writer.uint8(bootIndicator)
        writer.uint8(mediaType.rawValue & 0x0F | mediaFlags & 0xF0)
        writer.uint16LE(loadSegment)
        writer.uint8(systemType)
        writer.uint8(reserved)
        writer.uint16LE(sectorCount)
        writer.uint32LE(loadLBA)
        writer.append(selectionCriteria)
        for record in extensions { writer.append(record) }
        return writer.bytes
    }

    /// The number of catalog bytes the entry takes, extensions included.
    public var encodedSize: Int { Self.size * (1 + extensions.count) }

    /// Whether the boot indicator is `0x88`.
    public var isBootable: Bool { bootIndicator == Self.bootable }

    /// The 512-byte sector count for an image of `bytes` bytes, capped at the field's maximum of 65535.
    ///
    /// Use it for EFI images, whose entry should cover the whole image; BIOS no-emulation images conventionally
    /// load 4 sectors (`-boot-load-size 4`).
    public static func sectorCount(forImageBytes bytes: UInt64) -> UInt16 {
        UInt16(min(bytes / 512 + (bytes % 512 == 0 ? 0 : 1), UInt64(UInt16.max)))
    }
}
