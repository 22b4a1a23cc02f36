import BinaryIO

/// El Torito 1.0 §2.0 (ECMA-119 §8.2) — Boot Record Volume Descriptor: points to the boot catalog (2048 bytes,
/// usually sector 17).
public struct BootRecordVolumeDescriptor: Hashable, Sendable {
    /// Absolute sector of the first sector of the boot catalog (offset 0x47).
    public var bootCatalogLBA: UInt32
    /// Bytes 0x27–0x46, the boot identifier; unused by El Torito and kept verbatim.
    public var bootIdentifier: [UInt8]
    /// Bytes 0x4B–0x7FF; zero by the spec, kept verbatim.
    public var unusedBytes: [UInt8]

    /// The size of a volume descriptor.
    public static let size = 2048
    /// The volume descriptor type of a boot record (ECMA-119 §8.2).
    public static let type: UInt8 = 0
    /// The standard identifier `CD001` (ECMA-119 §8.1.2).
    public static let standardIdentifier: [UInt8] = Array("CD001".utf8)
    /// The boot system identifier: `EL TORITO SPECIFICATION` padded with zeros to 32 bytes.
    public static let bootSystemIdentifier: [UInt8] =
        Array("EL TORITO SPECIFICATION".utf8) + Array(repeating: 0, count: 9)

    /// Creates a descriptor for a catalog at `bootCatalogLBA`.
    public init(bootCatalogLBA: UInt32) {
        self.bootCatalogLBA = bootCatalogLBA
        bootIdentifier = Array(repeating: 0, count: 32)
        unusedBytes = Array(repeating: 0, count: Self.size - 0x4B)
    }

    /// Decodes the 2048-byte descriptor.
    ///
    /// - Parameters:
    ///   - bytes: At least 2048 bytes; the descriptor is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` for a type other than 0, an identifier other
    ///   than `CD001`, a version other than 1, or a boot system other than El Torito.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "boot record volume descriptor")
        try reader.require(Self.size)
        try reader.expect([Self.type])
        try reader.expect(Self.standardIdentifier)
        try reader.expect([1])
        try reader.expect(Self.bootSystemIdentifier)
        bootIdentifier = Array(try reader.bytes(32))
        bootCatalogLBA = try reader.uint32LE()
        unusedBytes = Array(try reader.bytes(Self.size - 0x4B))
    }

    /// The 2048 bytes of the descriptor.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint8(Self.type)
        writer.append(Self.standardIdentifier)
        writer.uint8(1)
        writer.append(Self.bootSystemIdentifier)
        writer.append(bootIdentifier)
        writer.uint32LE(bootCatalogLBA)
        writer.append(unusedBytes)
        return writer.bytes
    }
}
