import BinaryIO

/// PE/COFF specification §4.7 "The Attribute Certificate Table" — the `WIN_CERTIFICATE` header in front of each
/// signature: its length (header included), revision and type.
public struct PEWinCertificateHeader: Hashable, Sendable {
    /// `dwLength`: the certificate's length in bytes, these 8 included.
    public var length: UInt32
    /// `wRevision`: 0x0200 (`WIN_CERT_REVISION_2_0`) for Authenticode.
    public var revision: UInt16
    /// `wCertificateType`: 0x0002 (`WIN_CERT_TYPE_PKCS_SIGNED_DATA`) for Authenticode.
    public var certificateType: UInt16

    /// The header's size on disk.
    public static let size = 8
    /// `WIN_CERT_REVISION_2_0`, the revision UEFI firmware and shim accept.
    public static let revision2 = UInt16(0x0200)
    /// `WIN_CERT_TYPE_PKCS_SIGNED_DATA`: a PKCS #7 SignedData blob (an Authenticode signature).
    public static let pkcsSignedData = UInt16(0x0002)

    /// Creates a header.
    public init(length: UInt32, revision: UInt16 = Self.revision2, certificateType: UInt16 = Self.pkcsSignedData) {
        self.length = length
        self.revision = revision
        self.certificateType = certificateType
    }

    /// Decodes the header at the start of `bytes`, which lie at `offset` in the file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 8 bytes, and
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a length shorter than the header.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "WIN_CERTIFICATE header")
        try reader.require(Self.size)
        length = try reader.uint32LE()
        guard length >= UInt32(Self.size) else {
            throw .invalidValue(field: "dwLength", offset: offset, reason: "\(length) bytes, shorter than its own header")
        }
        revision = try reader.uint16LE()
        certificateType = try reader.uint16LE()
    }

    /// Whether this is an Authenticode signature firmware can check: revision 2.0, PKCS #7 signed data.
    public var isAuthenticode: Bool { revision == Self.revision2 && certificateType == Self.pkcsSignedData }

    /// The 8 bytes of the header.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint32LE(length)
        writer.uint16LE(revision)
        writer.uint16LE(certificateType)
        return writer.bytes
    }
}
