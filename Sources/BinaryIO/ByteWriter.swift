/// Builds the bytes of an on-disk structure, field by field, in spec order.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written.
    public var count: Int { bytes.count }

    /// Appends one byte.
    public mutating func uint8(_ value: UInt8) { bytes.append(value) }

    /// Appends a little-endian 16-bit integer.
    public mutating func uint16LE(_ value: UInt16) { integer(UInt64(value), width: 2, bigEndian: false) }

    /// Appends a big-endian 16-bit integer.
    public mutating func uint16BE(_ value: UInt16) { integer(UInt64(value), width: 2, bigEndian: true) }

    /// Appends a little-endian 32-bit integer.
    public mutating func uint32LE(_ value: UInt32) { integer(UInt64(value), width: 4, bigEndian: false) }

    /// Appends a big-endian 32-bit integer.
    public mutating func uint32BE(_ value: UInt32) { integer(UInt64(value), width: 4, bigEndian: true) }

    /// Appends a little-endian 64-bit integer.
    public mutating func uint64LE(_ value: UInt64) { integer(value, width: 8, bigEndian: false) }

    /// Appends a 16-bit integer little-endian then big-endian (ECMA-119 §7.2.3).
    public mutating func bothEndianUInt16(_ value: UInt16) {
        uint16LE(value)
        uint16BE(value)
    }

    /// Appends a 32-bit integer little-endian then big-endian (ECMA-119 §7.3.3).
    public mutating func bothEndianUInt32(_ value: UInt32) {
        uint32LE(value)
        uint32BE(value)
    }

    /// Appends raw bytes.
    public mutating func append(_ raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// Appends `count` copies of `byte`.
    public mutating func fill(_ count: Int, with byte: UInt8 = 0) {
        bytes.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Appends `text` as bytes, cut or padded with `pad` to exactly `width` bytes.
    public mutating func padded(_ text: some Sequence<UInt8>, width: Int, pad: UInt8 = 0x20) {
        let raw = Array(text.prefix(width))
        append(raw)
        fill(width - raw.count, with: pad)
    }

    /// Pads with zeros until the length is a multiple of `alignment`.
    public mutating func align(to alignment: Int) {
        let rest = bytes.count % alignment
        if rest != 0 { fill(alignment - rest) }
    }

    private mutating func integer(_ value: UInt64, width: Int, bigEndian: Bool) {
        for position in 0..<width {
            let shift = bigEndian ? (width - 1 - position) * 8 : position * 8
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
