import BinaryIO

/// The boot info table of `mkisofs -boot-info-table`: 56 bytes at offset 8 of a no-emulation boot image, which
/// isolinux and GRUB's `cdboot` read to find themselves on the CD.
///
/// The checksum is the sum of the little-endian 32-bit words of the boot file from byte 64 to its end (the last
/// word zero-padded), taken after every other patch (e.g. ``GRUB2BootInfo``) is applied. A writer that copies the
/// file without loading it reads its first bytes, patches them, feeds them and then the rest of the file to a
/// ``Checksum``, and writes the patched head:
///
/// ```swift
/// var head = try source.read(at: 0, count: min(65536, length), structure: "boot file")
/// var sum = BootInfoTable.Checksum()
/// sum.update(head)
/// for chunk in rest { sum.update(chunk) }   // bytes head.count..<length, in order
/// BootInfoTable(pvdLBA: 16, bootFileLBA: lba, bootFileLength: length, checksum: sum.value).patch(&head)
/// ```
public struct BootInfoTable: Hashable, Sendable {
    /// LBA of the primary volume descriptor (16).
    public var pvdLBA: UInt32
    /// LBA of the boot file.
    public var bootFileLBA: UInt32
    /// Length of the boot file in bytes.
    public var bootFileLength: UInt32
    /// The checksum of the boot file from byte 64.
    public var checksum: UInt32
    /// Bytes 24–63 of the file; reserved, zero when written by mkisofs or xorriso, kept verbatim.
    public var reserved: [UInt8]

    /// The table's offset in the boot file.
    public static let offset = 8
    /// The table's size.
    public static let size = 56
    /// Where the checksummed bytes start, and the smallest boot file that can hold the table.
    public static let checksumStart = 64

    /// Creates a table with zero reserved bytes.
    public init(pvdLBA: UInt32 = 16, bootFileLBA: UInt32, bootFileLength: UInt32, checksum: UInt32) {
        self.pvdLBA = pvdLBA
        self.bootFileLBA = bootFileLBA
        self.bootFileLength = bootFileLength
        self.checksum = checksum
        reserved = Array(repeating: 0, count: 40)
    }

    /// Decodes the 56 bytes of a table.
    ///
    /// - Parameters:
    ///   - bytes: At least 56 bytes (bytes 8–63 of the boot file).
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "boot info table")
        try reader.require(Self.size)
        pvdLBA = try reader.uint32LE()
        bootFileLBA = try reader.uint32LE()
        bootFileLength = try reader.uint32LE()
        checksum = try reader.uint32LE()
        reserved = Array(try reader.bytes(40))
    }

    /// The 56 bytes of the table.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint32LE(pvdLBA)
        writer.uint32LE(bootFileLBA)
        writer.uint32LE(bootFileLength)
        writer.uint32LE(checksum)
        writer.append(reserved)
        return writer.bytes
    }

    /// Writes the table into bytes 8–63 of `head`, the start of the boot file.
    ///
    /// - Parameter head: At least the first 64 bytes of the boot file.
    public func patch(_ head: inout [UInt8]) {
        precondition(head.count >= Self.checksumStart, "a boot file with a boot info table has at least 64 bytes")
        head.replaceSubrange(Self.offset..<Self.offset + Self.size, with: encode())
    }

    /// The checksum of a whole boot file held in memory.
    public static func checksum(of file: some Sequence<UInt8>) -> UInt32 {
        var sum = Checksum()
        sum.update(file)
        return sum.value
    }

    /// The boot info table checksum, computed over a boot file fed in order in chunks of any size.
    ///
    /// Feed the whole file from byte 0; bytes 0–63 are skipped, so the table itself never counts.
    public struct Checksum: Hashable, Sendable {
        private var position: UInt64 = 0
        private var sum: UInt32 = 0
        private var partial: UInt32 = 0

        /// An empty checksum.
        public init() {}

        /// Feeds the next bytes of the file.
        public mutating func update(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                defer { position += 1 }
                guard position >= UInt64(BootInfoTable.checksumStart) else { continue }
                let lane = position % 4
                partial |= UInt32(byte) << (8 * UInt32(lane))
                if lane == 3 {
                    sum &+= partial
                    partial = 0
                }
            }
        }

        /// The checksum of the bytes fed so far, the last word zero-padded.
        public var value: UInt32 { sum &+ partial }
    }
}
