import BinaryIO

/// POSIX.1-2017 pax, "pax Extended Header" — the data of a typeflag `'x'` or `'g'` member: records of the form
/// `"%d %s=%s\n"` (the decimal length of the whole record, a space, the keyword, `=`, the value and a newline).
public struct PaxExtendedHeader: Hashable, Sendable {
    /// One `keyword=value` record.
    public struct Record: Hashable, Sendable {
        /// The keyword (UTF-8), e.g. `path` or `SCHILY.xattr.user.comment`.
        public var keyword: String
        /// The value bytes; an empty value cancels the keyword (a global one, or the header field).
        public var value: [UInt8]

        /// Creates a record.
        public init(keyword: String, value: [UInt8]) {
            self.keyword = keyword
            self.value = value
        }
    }

    /// The records in archive order.
    public var records: [Record]

    /// Creates a header from records.
    public init(records: [Record]) { self.records = records }

    /// Decodes all records in `bytes` (the member's data, exactly its size).
    /// - Parameters:
    ///   - bytes: The extended header data.
    ///   - offset: The absolute offset of `bytes.startIndex` in the archive.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` for a record whose length is not decimal, is
    ///   shorter than its own text, or runs past the data, or that lacks `=` or its final newline.
    ///
    /// Spec: POSIX.1-2017 pax, "pax Extended Header".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var records: [Record] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let recordOffset = offset + Int64(index - bytes.startIndex)
            func bad(_ reason: String) -> DecodeError { .invalidValue(field: "pax record", offset: recordOffset, reason: reason) }
            var length = 0
            var cursor = index
            while cursor < bytes.endIndex, (0x30...0x39).contains(bytes[cursor]) {
                guard length < 1 << 30 else { throw bad("length too large") }
                length = length * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
            }
            guard cursor > index, cursor < bytes.endIndex, bytes[cursor] == 0x20 else {
                throw bad("does not start with a decimal length and a space")
            }
            guard length > cursor + 1 - index, length <= bytes.endIndex - index else {
                throw bad("length \(length) does not fit the record or the \(bytes.endIndex - index) bytes left")
            }
            let end = index + length
            guard bytes[end - 1] == 0x0A else { throw bad("does not end with a newline") }
            let body = bytes[(cursor + 1)..<(end - 1)]
            guard let equals = body.firstIndex(of: 0x3D), equals > body.startIndex else { throw bad("has no keyword=") }
            records.append(
                Record(keyword: String(decoding: body[..<equals], as: UTF8.self), value: Array(body[(equals + 1)...])))
            index = end
        }
        self.records = records
    }

    /// Encodes the records, each with its self-inclusive decimal length.
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records {
            let body = Array(record.keyword.utf8) + [0x3D] + record.value + [0x0A]
            // The length counts its own digits: grow the digit count until it is stable.
            var length = body.count + 2
            while String(length).utf8.count + 1 + body.count != length { length = String(length).utf8.count + 1 + body.count }
            bytes += Array(String(length).utf8) + [0x20] + body
        }
        return bytes
    }
}
