import BinaryIO

/// SUSP §4 — a sequence of System Use Entries: the system use field of a directory record (after any SP skip) or a
/// continuation area.
public enum SystemUseArea {
    /// Decodes the entries in `bytes`.
    ///
    /// Decoding stops after an ST entry, when fewer than 4 bytes remain, or when all remaining bytes are zero
    /// (padding that tools leave at the end of a field or area).
    /// - Parameters:
    ///   - bytes: The system use field or continuation area.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Returns: The entries in recorded order, ST included.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` (`"system use entry"`, at the
    ///   entry's offset) when an entry's length byte is below 4 or runs past `bytes`, and the errors of
    ///   ``SystemUseEntry/init(bytes:at:)``.
    ///
    /// Spec: IEEE P1281 (SUSP 1.12) §4, §5.4.
    public static func decode(_ bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) -> [SystemUseEntry] {
        var reader = ByteReader(bytes, at: offset, structure: "system use entry")
        var entries: [SystemUseEntry] = []
        while reader.remaining >= SystemUseEntryHeader.size {
            let rest = reader.bytes[reader.index...]
            if rest.allSatisfy({ $0 == 0 }) { break }
            let entryOffset = reader.offset
            let header = try SystemUseEntryHeader(bytes: rest, at: entryOffset)
            guard header.length >= SystemUseEntryHeader.size else {
                throw .truncated(
                    structure: "system use entry", offset: entryOffset, needed: SystemUseEntryHeader.size,
                    available: header.length)
            }
            let entry = try SystemUseEntry(bytes: try reader.bytes(header.length), at: entryOffset)
            entries.append(entry)
            if entry == .terminator { break }
        }
        return entries
    }

    /// The bytes of `entries`, one after another, without padding.
    public static func encode(_ entries: [SystemUseEntry]) -> [UInt8] {
        entries.flatMap { $0.encode() }
    }
}
