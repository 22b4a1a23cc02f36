/// A compression format the kernel can unpack an initramfs from, or none.
public enum CompressionFormat: String, CaseIterable, Codable, Sendable {
    /// No compression: bytes are copied.
    case none
    /// gzip (RFC 1952) through zlib.
    case gzip
    /// Zstandard (RFC 8878) through libzstd, with a content checksum.
    case zstd
    /// xz (the .xz container with LZMA2) through liblzma, with a CRC32 check as the kernel requires.
    case xz
    /// LZ4 in the legacy frame format (`lz4 -l`), which the kernel's initramfs unpacker reads.
    case lz4

    /// The levels the format accepts; `0...0` for ``none``.
    public var levels: ClosedRange<Int> {
        switch self {
        case .none: 0...0
        case .gzip: 0...9
        case .zstd: 1...22
        case .xz: 0...9
        case .lz4: 1...12
        }
    }

    /// The level used when none is given.
    public var defaultLevel: Int {
        switch self {
        case .none: 0
        case .gzip: 9
        case .zstd: 19
        case .xz: 6
        case .lz4: 9
        }
    }

    /// The magic bytes a stream of this format starts with (empty for ``none``).
    public var magic: [UInt8] {
        switch self {
        case .none: []
        case .gzip: [0x1F, 0x8B]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        case .lz4: [0x02, 0x21, 0x4C, 0x18]
        }
    }

    /// The format whose magic starts `bytes`, or ``none`` if no compressed format matches.
    public init(detecting bytes: some Collection<UInt8>) {
        self = Self.allCases.first { $0 != .none && bytes.starts(with: $0.magic) } ?? .none
    }
}
