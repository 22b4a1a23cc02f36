import BinaryIO

/// ECMA-119 §9.4 — a volume's path table: every directory, by level, with its parent's number.
public struct PathTable: Hashable, Sendable {
    /// The records in table order; record N (1-based) is directory number N.
    public var records: [PathTableRecord]

    /// Path tables larger than this are treated as damage (a million directories need about 20 MiB).
    public static let sizeLimit = 64 << 20

    /// Reads the type L (`bigEndian: false`) or type M table of `descriptor`.
    /// - Throws: ``ISO9660Error/limitExceeded(what:path:limit:)`` for an absurd size,
    ///   ``ISO9660Error/decode(_:)`` for a record that runs past the table or the image, or a parent number that
    ///   does not name an earlier record.
    public static func read(from reader: ImageReader, descriptor: VolumeDescriptor, bigEndian: Bool) throws -> PathTable {
        let size = Int(descriptor.pathTableSize)
        guard size <= sizeLimit else {
            throw ISO9660Error.limitExceeded(what: "path table bytes", path: "/", limit: sizeLimit)
        }
        let lba = bigEndian ? descriptor.typeMPathTableLBA : descriptor.typeLPathTableLBA
        let offset = Int64(lba) * 2048
        let bytes = try decoding { try reader.read(at: offset, count: size, structure: "path table") }
        var records: [PathTableRecord] = []
        var position = 0
        while position < bytes.count {
            let record = try decoding {
                try PathTableRecord(bytes: bytes[position...], at: offset + Int64(position), bigEndian: bigEndian)
            }
            guard record.parentNumber >= 1, Int(record.parentNumber) <= max(records.count, 1) else {
                throw ISO9660Error.decode(.invalidValue(
                    field: "path table parent number", offset: offset + Int64(position) + 6,
                    reason: "\(record.parentNumber) does not name an earlier directory"))
            }
            records.append(record)
            position += record.encodedLength
        }
        return PathTable(records: records)
    }
}
