import BinaryIO

extension Hex {
    /// The bytes written as hex digits in `text`, the reverse of ``BinaryIO/Hex/string(_:separator:)``:
    /// `Hex.bytes("50 58 24 01")` is `[0x50, 0x58, 0x24, 0x01]`. Whitespace is ignored, so a fixture can be pasted
    /// as a hex dump.
    ///
    /// Meant for literals in tests: an odd number of digits or a character that is not a hex digit is a mistake in
    /// the test and stops it with a precondition failure naming the text.
    public static func bytes(_ text: String) -> [UInt8] {
        let digits = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(hexValue)
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in \"\(text)\"")
        return stride(from: 0, to: digits.count, by: 2).map { index in
            guard let high = digits[index], let low = digits[index + 1] else {
                preconditionFailure("not a hex digit in \"\(text)\"")
            }
            return high << 4 | low
        }
    }

    /// The value of one hex digit, or `nil`.
    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0"..."9": UInt8(scalar.value - 0x30)
        case "a"..."f": UInt8(scalar.value - 0x61 + 10)
        case "A"..."F": UInt8(scalar.value - 0x41 + 10)
        default: nil
        }
    }
}
