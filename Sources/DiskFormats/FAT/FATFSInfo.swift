import BinaryIO

/// fatgen103 §5 — FAT32 FSInfo sector: hints for the free cluster count and the next free cluster (512 bytes).
public struct FATFSInfo: Hashable, Sendable {
    /// `FSI_Free_Count`: free clusters, or `0xFFFFFFFF` when unknown.
    public var freeClusterCount: UInt32
    /// `FSI_Nxt_Free`: where to start looking for a free cluster, or `0xFFFFFFFF` when unknown.
    public var nextFreeCluster: UInt32
    /// `FSI_Reserved1` (480 bytes) and `FSI_Reserved2` (12 bytes), kept verbatim.
    public var reserved1: [UInt8]
    /// `FSI_Reserved2`, kept verbatim.
    public var reserved2: [UInt8]

    /// The on-disk size.
    public static let size = 512
    /// `FSI_LeadSig` "RRaA".
    public static let leadSignature: [UInt8] = [0x52, 0x52, 0x61, 0x41]
    /// `FSI_StrucSig` "rrAa".
    public static let structureSignature: [UInt8] = [0x72, 0x72, 0x41, 0x61]
    /// `FSI_TrailSig`.
    public static let trailSignature: [UInt8] = [0x00, 0x00, 0x55, 0xAA]

    /// Creates an FSInfo sector with the two hints.
    public init(freeClusterCount: UInt32, nextFreeCluster: UInt32) {
        self.freeClusterCount = freeClusterCount
        self.nextFreeCluster = nextFreeCluster
        reserved1 = Array(repeating: 0, count: 480)
        reserved2 = Array(repeating: 0, count: 12)
    }

    /// Decodes an FSInfo sector.
    ///
    /// - Parameters:
    ///   - bytes: At least 512 bytes; the sector is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` for any of the three signatures.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "FAT32 FSInfo sector")
        try reader.require(Self.size)
        try reader.expect(Self.leadSignature)
        reserved1 = Array(try reader.bytes(480))
        try reader.expect(Self.structureSignature)
        freeClusterCount = try reader.uint32LE()
        nextFreeCluster = try reader.uint32LE()
        reserved2 = Array(try reader.bytes(12))
        try reader.expect(Self.trailSignature)
    }

    /// The 512 bytes of the sector.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(Self.leadSignature)
        writer.append(reserved1)
        writer.append(Self.structureSignature)
        writer.uint32LE(freeClusterCount)
        writer.uint32LE(nextFreeCluster)
        writer.append(reserved2)
        writer.append(Self.trailSignature)
        return writer.bytes
    }
}
