import BinaryIO

/// PE/COFF specification §3.2 "Signature" and §3.3 "COFF File Header": `PE\0\0` at the MS-DOS stub's `e_lfanew`,
/// then the machine, the section count, a time stamp, the (deprecated) COFF symbol table's place and size, the
/// optional header's size and the image's characteristics.
public struct PECOFFFileHeader: Hashable, Sendable {
    /// The CPU the image runs on.
    public var machine: PEMachine
    /// The number of entries in the section table.
    public var sectionCount: UInt16
    /// When the linker made the file, in seconds since 1970 (0 in reproducible builds).
    public var timeDateStamp: UInt32
    /// The COFF symbol table's file offset; 0 in images.
    public var symbolTableOffset: UInt32
    /// The number of COFF symbols; 0 in images.
    public var symbolCount: UInt32
    /// The optional header's size in bytes, which follows this header.
    public var optionalHeaderSize: UInt16
    /// The `IMAGE_FILE_…` flags (§3.3.2), kept as read.
    public var characteristics: UInt16

    /// The signature and header's size on disk.
    public static let size = 24
    /// The PE signature, `PE\0\0`.
    public static let signature: [UInt8] = [0x50, 0x45, 0, 0]

    /// Creates a header.
    public init(
        machine: PEMachine, sectionCount: UInt16, timeDateStamp: UInt32 = 0, symbolTableOffset: UInt32 = 0,
        symbolCount: UInt32 = 0, optionalHeaderSize: UInt16, characteristics: UInt16
    ) {
        self.machine = machine
        self.sectionCount = sectionCount
        self.timeDateStamp = timeDateStamp
        self.symbolTableOffset = symbolTableOffset
        self.symbolCount = symbolCount
        self.optionalHeaderSize = optionalHeaderSize
        self.characteristics = characteristics
    }

    /// Decodes the signature and header at the start of `bytes`, which lie at `offset` (`e_lfanew`) in the file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 24 bytes, and
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` for another signature than `PE\0\0`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "PE signature and COFF file header")
        try reader.require(Self.size)
        try reader.expect(Self.signature)
        machine = PEMachine(rawValue: try reader.uint16LE())
        sectionCount = try reader.uint16LE()
        timeDateStamp = try reader.uint32LE()
        symbolTableOffset = try reader.uint32LE()
        symbolCount = try reader.uint32LE()
        optionalHeaderSize = try reader.uint16LE()
        characteristics = try reader.uint16LE()
    }

    /// The 24 bytes of the signature and header.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(Self.signature)
        writer.uint16LE(machine.rawValue)
        writer.uint16LE(sectionCount)
        writer.uint32LE(timeDateStamp)
        writer.uint32LE(symbolTableOffset)
        writer.uint32LE(symbolCount)
        writer.uint16LE(optionalHeaderSize)
        writer.uint16LE(characteristics)
        return writer.bytes
    }
}
