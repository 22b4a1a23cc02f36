import BinaryIO

/// System V gABI "String Table" — NUL-terminated strings addressed by byte offset (`.shstrtab`, `.strtab`,
/// `.dynstr`).
public struct ELFStringTable: Hashable, Sendable {
    /// The table's bytes: empty, or starting and ending with NUL.
    public let bytes: [UInt8]
    /// The absolute file offset of the first byte, for error messages.
    public let baseOffset: Int64

    /// Reads a string table from `bytes`, which lie at `offset` in their file.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` when a non-empty table does not start or end
    ///   with a NUL byte.
    ///
    /// Spec: System V gABI, "String Table".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        if let first = bytes.first, first != 0 {
            throw .invalidValue(
                field: "string table", offset: offset, reason: "first byte is 0x\(Hex.string([first])), not NUL")
        }
        if let last = bytes.last, last != 0 {
            throw .invalidValue(
                field: "string table", offset: offset + Int64(bytes.count - 1),
                reason: "last byte is 0x\(Hex.string([last])), not NUL")
        }
        self.bytes = Array(bytes)
        self.baseOffset = offset
    }

    /// The string that starts at `index` and runs to the next NUL.
    /// - Parameters:
    ///   - index: A byte offset into the table (`sh_name`, `st_name`, `d_val` of `DT_NEEDED` …).
    ///   - field: The field `index` came from, for the error message.
    /// - Throws: ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` when `index` is past the table.
    public func string(at index: UInt32, field: String = "string index") throws(DecodeError) -> String {
        guard let start = Int(exactly: index), start < bytes.count else {
            throw .fieldOutOfRange(field: field, offset: baseOffset, value: UInt64(index), limit: UInt64(bytes.count))
        }
        // The table ends with NUL (checked at init), so a terminator is always found.
        let end = bytes[start...].firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The table's bytes.
    public func encode() -> [UInt8] { bytes }
}
