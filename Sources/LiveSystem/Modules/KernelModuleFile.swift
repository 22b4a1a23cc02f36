import BinaryIO
import Compression
import ELF

/// Reads the `.modinfo` of one module file, plain or compressed.
///
/// A plain `.ko` is read with `pread`: the ELF header, the section header table, the section names and `.modinfo`
/// only. A compressed module (`.ko.xz`, `.ko.zst`, `.ko.gz`, recognised by its magic bytes) is read and
/// decompressed in memory, bounded by ``maximumSize``.
public enum KernelModuleFile {
    /// The largest module accepted, compressed or decompressed (the largest in a Debian kernel is a few MiB).
    public static let maximumSize = 256 << 20

    /// The module information of the module file at `path`.
    /// - Throws: ``ImageError`` naming `path`, wrapping ``DecodeError`` (not ELF64 little-endian, no `.modinfo`,
    ///   malformed), ``CompressionError`` or ``IOError``.
    public static func moduleInfo(at path: String) throws -> ModuleInfo {
        try ImageError.wrap(image: path) {
            try ModuleInfo(elf: try elf(at: path))
        }
    }

    /// The module file at `path` as an ``ELFFile``, decompressed first if needed.
    /// - Throws: ``DecodeError``, ``CompressionError`` or ``IOError`` (not wrapped).
    public static func elf(at path: String) throws -> ELFFile {
        let reader = try ImageReader(path: path)
        let magic = try reader.read(at: 0, count: Int(min(reader.size, 6)), structure: "module file")
        let format = CompressionFormat(detecting: magic)
        guard format != .none else { return try ELFFile(reader: reader) }
        guard reader.size <= Int64(maximumSize) else {
            throw DecodeError.fieldOutOfRange(
                field: "compressed module size", offset: 0, value: UInt64(reader.size), limit: UInt64(maximumSize))
        }
        let packed = try reader.read(at: 0, count: Int(reader.size), structure: "compressed module")
        return try ELFFile(bytes: try Decompressor(format: format).decompress(packed, limit: maximumSize))
    }
}
