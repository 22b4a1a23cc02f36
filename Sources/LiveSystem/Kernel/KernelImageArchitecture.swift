import BinaryIO
import Compression

/// What a Linux kernel image boots on, read from its first bytes: an x86 bzImage (the boot protocol's `HdrS` at
/// 0x202, Linux Documentation/arch/x86/boot.rst "The Real-Mode Kernel Header") or an arm64 `Image` (`ARM\x64` at
/// 0x38, Documentation/arch/arm64/booting.rst §4 "Call the kernel image"), either perhaps inside a gzip stream
/// (`Image.gz`, which GRUB decompresses as it loads it), with the machine of the EFI stub's PE/COFF header
/// (PE/COFF §3.3.1) when the image has one.
///
/// It classifies a header isokit only reads, so there is nothing to encode. Debian's arm64 `vmlinuz` is an
/// uncompressed `Image` with an EFI stub: `MZ`, the arm64 magic, and a PE header for machine 0xAA64.
public struct KernelImageArchitecture: Hashable, Sendable {
    /// The Linux boot header an image has.
    public enum Format: String, Hashable, Sendable, Codable {
        /// An x86 bzImage: the boot protocol's setup header.
        case x86BzImage
        /// An arm64 `Image`: its 64-byte header with the magic.
        case arm64Image
        /// An EFI (PE/COFF) program with neither header, which GRUB's `linux` command does not load.
        case efiProgram
    }

    /// The boot header found.
    public var format: Format
    /// The machine of the image's PE/COFF header, if it has one (an EFI stub, or an EFI program).
    public var peMachine: PEMachine?
    /// The compression around the image: ``CompressionFormat/gzip`` for an `Image.gz`, else ``CompressionFormat/none``.
    public var compression: CompressionFormat

    /// The bytes the decoder needs: the x86 setup header up to the end of its `HdrS` signature.
    public static let headerSize = 0x206
    /// The offset of the arm64 Image header's `magic` field.
    static let arm64MagicOffset = 0x38
    /// The arm64 Image header's `magic`, `ARM\x64` (0x644d5241 little-endian).
    static let arm64Magic: [UInt8] = [0x41, 0x52, 0x4D, 0x64]
    /// The offset of the x86 setup header's `header` field.
    static let x86SignatureOffset = 0x202
    /// The x86 setup header's `header` field, `HdrS`.
    static let x86Signature = Array("HdrS".utf8)
    /// The MS-DOS stub's `e_magic` that starts a PE/COFF image (PE/COFF §2), `MZ`.
    static let dosMagic = Array("MZ".utf8)
    /// The bytes ``init(path:)`` reads (after decompression): the headers with room for a PE header after them.
    static let headSize = 4096

    /// Creates a classification.
    public init(format: Format, peMachine: PEMachine?, compression: CompressionFormat = .none) {
        self.format = format
        self.peMachine = peMachine
        self.compression = compression
    }

    /// The architecture the image boots on, or `nil` for an EFI program without a Linux boot header.
    public var architecture: LiveArchitecture? {
        switch format {
        case .x86BzImage: .x86_64
        case .arm64Image: .aarch64
        case .efiProgram: nil
        }
    }

    /// What a kernel for `architecture` is, in words: `an x86 bzImage`, `an arm64 kernel Image`.
    public static func expected(for architecture: LiveArchitecture) -> String {
        switch architecture {
        case .x86_64: "an x86 bzImage"
        case .aarch64: "an arm64 kernel Image"
        }
    }

    /// Classifies the (decompressed) start of a kernel image, `bytes`, which lie at `offset` in it.
    /// - Parameters:
    ///   - bytes: At least ``headerSize`` bytes, and the PE header too when the image starts with `MZ`.
    ///   - offset: Where `bytes` start in the (decompressed) image.
    ///   - compression: The compression the bytes were taken out of, to remember.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than ``headerSize`` bytes or
    ///   a PE header past them; ``DecodeError/badSignature(structure:offset:expected:found:)`` for an `MZ` image
    ///   without `PE\0\0` at `e_lfanew`; ``DecodeError/invalidValue(field:offset:reason:)`` for a PE machine that
    ///   contradicts the Linux header, or for bytes with neither Linux header nor `MZ`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64, compression: CompressionFormat = .none) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "kernel image header")
        try reader.require(Self.headerSize)
        // Both headers start where the MS-DOS stub does, so the fields are read in file order.
        let dosMagic = try reader.bytes(Self.dosMagic.count)
        try reader.skip(Self.arm64MagicOffset - Self.dosMagic.count)
        let arm64Magic = try reader.bytes(Self.arm64Magic.count)
        // e_lfanew in an MS-DOS stub; the arm64 header's `res5`, which booting.rst reserves for the PE header's offset.
        let peOffset = try reader.uint32LE()
        try reader.skip(Self.x86SignatureOffset - Self.arm64MagicOffset - Self.arm64Magic.count - 4)
        let x86Signature = try reader.bytes(Self.x86Signature.count)

        let machine =
            dosMagic.elementsEqual(Self.dosMagic) ? try Self.peHeader(bytes, at: offset, peOffset: peOffset) : nil
        let format: Format
        let fitting: Set<PEMachine>
        if x86Signature.elementsEqual(Self.x86Signature) {
            (format, fitting) = (.x86BzImage, [.x86_64, .i386])
        } else if arm64Magic.elementsEqual(Self.arm64Magic) {
            (format, fitting) = (.arm64Image, [.arm64])
        } else if machine != nil {
            (format, fitting) = (.efiProgram, [])
        } else {
            throw .invalidValue(
                field: "kernel image header", offset: offset,
                reason: "no x86 boot protocol \"HdrS\" at 0x202, arm64 Image magic \"ARM\\x64\" at 0x38 or PE/COFF \"MZ\" at 0")
        }
        if let machine, format != .efiProgram, !fitting.contains(machine.machine) {
            throw .invalidValue(
                field: "PE machine", offset: machine.offset,
                reason: "\(machine.machine) in "
                    + (format == .x86BzImage ? "an x86 bzImage (\"HdrS\" at 0x202)" : "an arm64 Image (\"ARM\\x64\" at 0x38)"))
        }
        self.init(format: format, peMachine: machine?.machine, compression: compression)
    }

    /// Classifies the kernel image at `path`, decompressing the start of a gzip-compressed one.
    /// - Throws: `IOError` when it cannot be read; ``CompressionError`` for a damaged gzip stream; what
    ///   ``init(bytes:at:compression:)`` throws, with offsets in the decompressed image for a compressed one.
    public init(path: String) throws {
        let image = try ImageReader(path: path)
        let head = try image.read(at: 0, count: Int(min(image.size, Int64(Self.headSize))), structure: "kernel image")
        if CompressionFormat(detecting: head) == .gzip {
            try self.init(bytes: try Self.decompressedHead(of: image)[...], at: 0, compression: .gzip)
        } else {
            try self.init(bytes: head[...], at: 0)
        }
    }

    /// The machine of the PE/COFF header at `peOffset` (`e_lfanew`) of the image whose start is `bytes`, at `offset`.
    static func peHeader(
        _ bytes: ArraySlice<UInt8>, at offset: Int64, peOffset: UInt32
    ) throws(DecodeError) -> (machine: PEMachine, offset: Int64) {
        let (headerOffset, overflow) = offset.addingReportingOverflow(Int64(peOffset))
        guard !overflow, Int64(peOffset) <= Int64(bytes.count) else {
            throw .truncated(
                structure: "PE signature and COFF file header", offset: headerOffset, needed: PECOFFFileHeader.size,
                available: 0)
        }
        let header = try PECOFFFileHeader(bytes: bytes[(bytes.startIndex + Int(peOffset))...], at: headerOffset)
        // The machine follows the 4-byte signature.
        return (header.machine, headerOffset + 4)
    }

    /// The first ``headSize`` bytes of the gzip stream that is `image` (fewer for a shorter stream), decompressing
    /// no further than that.
    static func decompressedHead(of image: ImageReader) throws -> [UInt8] {
        /// Ends decompression once the head is complete.
        struct HeadComplete: Error {}
        var head: [UInt8] = []
        var position: Int64 = 0
        do {
            try Decompressor(format: .gzip).decompress(
                read: { buffer in
                    let count = Int(min(Int64(min(buffer.count, 1 << 16)), image.size - position))
                    guard count > 0 else { return 0 }
                    let chunk = try image.read(at: position, count: count, structure: "gzip stream")
                    buffer.copyBytes(from: chunk)
                    position += Int64(count)
                    return count
                },
                write: { chunk in
                    head.append(contentsOf: chunk.prefix(headSize - head.count))
                    if head.count == headSize { throw HeadComplete() }
                })
        } catch is HeadComplete {}
        return head
    }
}

extension KernelImageArchitecture: CustomStringConvertible {
    /// What the image is, in words: `an x86 bzImage`, `a gzip-compressed arm64 kernel Image`, `an EFI program for
    /// arm64 (0xAA64) without a Linux boot header`.
    public var description: String {
        let name =
            switch format {
            case .x86BzImage: "x86 bzImage"
            case .arm64Image: "arm64 kernel Image"
            case .efiProgram: "EFI program for \(peMachine.map { "\($0)" } ?? "an unknown machine") without a Linux boot header"
            }
        return compression == .none ? "an " + name : "a \(compression.rawValue)-compressed " + name
    }
}
