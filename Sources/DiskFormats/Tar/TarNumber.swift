import BinaryIO

/// The numeric fields of tar headers: octal digits (leading spaces allowed, ended by NUL or space, an all-NUL
/// field meaning 0) or, as GNU tar and star write values too large for octal, base-256 (a first byte of 0x80
/// for a positive or 0xFF for a negative big-endian two's complement number).
enum TarNumber {
    /// Decodes the field at `offset`; `nil` if it holds only NULs and spaces.
    static func decode(_ field: ArraySlice<UInt8>, name: String, at offset: Int64) throws(DecodeError) -> Int64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            guard first == 0x80 || first == 0xFF else {
                throw .invalidValue(field: name, offset: offset, reason: "base-256 marker 0x\(String(first, radix: 16))")
            }
            let negative = first == 0xFF
            // Up to 8 value bytes fit an Int64; the bytes before them must only carry the sign.
            let significant = field.suffix(8)
            guard field.dropLast(8).dropFirst().allSatisfy({ $0 == (negative ? 0xFF : 0) }) else {
                throw .invalidValue(field: name, offset: offset, reason: "base-256 value does not fit 64 bits")
            }
            var value: UInt64 = 0
            for (index, byte) in zip(significant.indices, significant) {
                value = value << 8 | UInt64(index == field.startIndex ? (negative ? 0xFF : 0) : byte)
            }
            let signed = Int64(bitPattern: value)
            guard negative == (signed < 0) else {
                throw .invalidValue(field: name, offset: offset, reason: "base-256 value does not fit 64 bits")
            }
            return signed
        }
        var index = field.startIndex
        while index < field.endIndex, field[index] == 0x20 { index += 1 }
        var value: Int64 = 0
        var digits = 0
        while index < field.endIndex, (0x30...0x37).contains(field[index]) {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 8)
            guard !overflow else {
                throw .invalidValue(field: name, offset: offset, reason: "octal value does not fit 64 bits")
            }
            value = shifted | Int64(field[index] - 0x30)
            digits += 1
            index += 1
        }
        guard field[index...].allSatisfy({ $0 == 0 || $0 == 0x20 }) else {
            let shown = String(decoding: field.map { $0 < 0x20 || $0 > 0x7E ? 0x3F : $0 }, as: UTF8.self)
            throw .invalidValue(field: name, offset: offset, reason: "\"\(shown)\" is not an octal number")
        }
        return digits == 0 ? nil : value
    }

    /// Encodes `value` as GNU tar does: `width - 1` zero-padded octal digits and a NUL, or base-256 when the value
    /// is negative or too large for that many digits.
    static func encode(_ value: Int64, width: Int) -> [UInt8] {
        if value >= 0 {
            let digits = Array(String(value, radix: 8).utf8)
            if digits.count < width {
                return [UInt8](repeating: 0x30, count: width - 1 - digits.count) + digits + [0]
            }
        }
        var bytes = [UInt8](repeating: value < 0 ? 0xFF : 0, count: width)
        var rest = UInt64(bitPattern: value)
        for index in stride(from: width - 1, through: max(1, width - 8), by: -1) {
            bytes[index] = UInt8(truncatingIfNeeded: rest)
            rest >>= 8
        }
        bytes[0] = value < 0 ? 0xFF : 0x80
        return bytes
    }
}
