/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by GPT headers and entry arrays (UEFI 2.10 §5.3.2).
///
/// Use ``checksum(_:)`` for one buffer, or feed chunks to a value with ``update(_:)`` and read ``value``.
public struct CRC32: Hashable, Sendable {
    private var state: UInt32 = 0xFFFF_FFFF

    /// Creates a checksum of no bytes.
    public init() {}

    /// The CRC of all bytes fed so far.
    public var value: UInt32 { ~state }

    /// Feeds more bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = state
        for byte in bytes {
            crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        state = crc
    }

    /// The CRC-32 of `bytes`.
    ///
    /// - Parameter bytes: The bytes to checksum.
    /// - Returns: The CRC, e.g. `0xCBF43926` for the ASCII bytes of `123456789`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    /// One entry per byte value: the CRC contribution of that byte, reflected.
    private static let table: [UInt32] = (0...255).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }
}
