import BinaryIO

/// The GRUB 2 boot info of `xorriso --grub2-boot-info`: at byte 2548 of GRUB's El Torito image (`cdboot.img` +
/// `diskboot.img` + core), the 512-byte block address where the core starts: the image's 2048-byte LBA × 4 + 5,
/// 64-bit little-endian.
///
/// `diskboot.img` keeps its first block list there; `cdboot.img` is 4 blocks and `diskboot.img` one more.
public struct GRUB2BootInfo: Hashable, Sendable {
    /// The 512-byte block address stored in the field.
    public var blockAddress: UInt64

    /// The field's offset in the boot image.
    public static let offset = 2548
    /// The field's size.
    public static let size = 8
    /// The smallest boot image that holds the field.
    public static let minimumImageSize = offset + size

    /// The boot info for a boot image starting at 2048-byte sector `bootImageLBA`.
    public init(bootImageLBA: UInt32) {
        blockAddress = UInt64(bootImageLBA) * 4 + 5
    }

    /// Decodes the 8-byte field.
    ///
    /// - Parameters:
    ///   - bytes: At least 8 bytes (bytes 2548–2555 of the boot image).
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "GRUB 2 boot info")
        blockAddress = try reader.uint64LE()
    }

    /// The 8 bytes of the field.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint64LE(blockAddress)
        return writer.bytes
    }

    /// The boot image's 2048-byte LBA, if the field has the form LBA × 4 + 5.
    public var bootImageLBA: UInt32? {
        guard blockAddress >= 5, (blockAddress - 5) % 4 == 0 else { return nil }
        return UInt32(exactly: (blockAddress - 5) / 4)
    }

    /// Writes the field into `head`, the start of the boot image.
    ///
    /// - Parameter head: At least the first 2556 bytes of the boot image.
    public func patch(_ head: inout [UInt8]) {
        precondition(head.count >= Self.minimumImageSize, "a GRUB 2 El Torito image has at least 2556 bytes")
        head.replaceSubrange(Self.offset..<Self.minimumImageSize, with: encode())
    }
}
