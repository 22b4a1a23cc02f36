import BinaryIO

/// Finds the Authenticode signature of an EFI (PE/COFF) image, such as a Linux kernel with its EFI stub, by walking
/// its headers: the MS-DOS stub's `e_lfanew` (PE/COFF §2), the `PE\0\0` signature and COFF file header (§3.3,
/// ``PECOFFFileHeader``), the optional header's data directories (§3.4.3) and the first `WIN_CERTIFICATE` (§4.7).
///
/// It reads a few hundred bytes and does not verify the signature: that is the firmware's and shim's work
/// (`sbverify` does it on a host).
public enum PESignature {
    /// Where an image's certificate table entry lies, and what it says.
    public struct Location: Hashable, Sendable {
        /// The entry's absolute offset in the file (to patch or inspect it).
        public var entryOffset: Int64
        /// The entry.
        public var entry: PECertificateTableEntry
    }

    /// Index of the Certificate Table among the optional header's data directories (PE/COFF §3.4.3).
    static let certificateTableIndex = 4

    /// Reads the certificate table entry of the PE image at `path`.
    /// - Returns: The entry and where it is, or `nil` if the optional header has no Certificate Table entry.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` for a file that is not a PE image
    ///   (`MZ`, `PE\0\0`); ``DecodeError/invalidValue(field:offset:reason:)`` for an unknown optional header magic;
    ///   ``DecodeError/truncated(structure:offset:needed:available:)`` for headers past the end; `IOError`.
    public static func certificateTable(in path: String) throws -> Location? {
        let image = try ImageReader(path: path)
        let dosBytes = try image.read(at: 0, count: 64, structure: "MS-DOS header")
        var dos = ByteReader(dosBytes[...], at: 0, structure: "MS-DOS header")
        try dos.expect(Array("MZ".utf8))
        try dos.skip(0x3C - 2)
        let peOffset = Int64(try dos.uint32LE())

        let coffBytes = try image.read(
            at: peOffset, count: PECOFFFileHeader.size, structure: "PE signature and COFF file header")
        let optionalSize = Int(try PECOFFFileHeader(bytes: coffBytes[...], at: peOffset).optionalHeaderSize)

        let optionalOffset = peOffset + Int64(PECOFFFileHeader.size)
        let optionalBytes = try image.read(at: optionalOffset, count: optionalSize, structure: "PE optional header")
        var optional = ByteReader(optionalBytes[...], at: optionalOffset, structure: "PE optional header")
        let magic = try optional.uint16LE()
        // PE32 and PE32+ differ in the width of ImageBase and the stack and heap sizes, which moves the count and
        // the directories that follow it.
        let countOffset: Int
        switch magic {
        case 0x10B: countOffset = 92
        case 0x20B: countOffset = 108
        default:
            throw DecodeError.invalidValue(
                field: "optional header magic", offset: optionalOffset, reason: "0x\(String(magic, radix: 16)), not PE32 or PE32+")
        }
        try optional.skip(countOffset - 2)
        let directoryCount = try optional.uint32LE()
        guard directoryCount > UInt32(certificateTableIndex) else { return nil }
        try optional.skip(certificateTableIndex * PECertificateTableEntry.size)
        let entryOffset = optional.offset
        guard optional.remaining >= PECertificateTableEntry.size else { return nil }
        let entry = try PECertificateTableEntry(bytes: try optional.bytes(PECertificateTableEntry.size), at: entryOffset)
        return Location(entryOffset: entryOffset, entry: entry)
    }

    /// The header of the image's first signature.
    /// - Returns: The first `WIN_CERTIFICATE` header, or `nil` for an image without a certificate table.
    /// - Throws: What ``certificateTable(in:)`` throws; ``DecodeError/truncated(structure:offset:needed:available:)``
    ///   for a table past the end of the file, ``DecodeError/invalidValue(field:offset:reason:)`` for a certificate
    ///   longer than its table.
    public static func firstCertificate(in path: String) throws -> PEWinCertificateHeader? {
        guard let location = try certificateTable(in: path), !location.entry.isEmpty else { return nil }
        let image = try ImageReader(path: path)
        let tableOffset = Int64(location.entry.fileOffset)
        try image.checkRange(offset: tableOffset, count: Int(location.entry.byteCount), structure: "certificate table")
        let bytes = try image.read(at: tableOffset, count: PEWinCertificateHeader.size, structure: "WIN_CERTIFICATE header")
        let header = try PEWinCertificateHeader(bytes: bytes[...], at: tableOffset)
        guard header.length <= location.entry.byteCount else {
            throw DecodeError.invalidValue(
                field: "dwLength", offset: tableOffset,
                reason: "\(header.length) bytes, longer than the \(location.entry.byteCount)-byte certificate table")
        }
        return header
    }
}
