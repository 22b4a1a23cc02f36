/// Formats absolute offsets for error messages: hex, with the 2048-byte sector.
public enum Offset {
    /// The ISO 9660 logical block size, used to print the sector of an offset.
    public static let sectorSize: Int64 = 2048

    /// `0x8800 (LBA 17)` for offset 0x8800.
    public static func describe(_ offset: Int64) -> String {
        "0x\(String(offset, radix: 16)) (LBA \(offset / sectorSize))"
    }
}

/// Hex rendering of short byte strings for messages.
public enum Hex {
    /// `"43 44 30 30 31"` for the bytes of `CD001`; `separator: ""` gives `"4344303031"`.
    public static func string(_ bytes: some Sequence<UInt8>, separator: String = " ") -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: separator)
    }
}
