import BinaryIO
import CIsokitLinux

/// RRIP §4.1.2 — PN entry: the device number of a block or character device (20 bytes).
///
/// Writers disagree on what the two halves hold: libisofs (xorriso) and mkisofs store the host's 64-bit `dev_t`
/// split in two, and libarchive and xorriso read it back that way; genisoimage stores the major number in the high
/// half and the minor number in the low one. ``init(major:minor:)`` writes the first form; ``major`` and ``minor``
/// read both, as the Linux kernel does.
public struct DeviceNumber: Hashable, Sendable {
    /// The high 32 bits of the 64-bit `dev_t` (0 on systems with 32-bit device numbers), or genisoimage's major.
    public var high: UInt32
    /// The low 32 bits of the `dev_t`, or genisoimage's minor.
    public var low: UInt32

    /// The byte size of a PN entry.
    public static let entrySize = 20

    /// Creates a device number from its two halves.
    public init(high: UInt32, low: UInt32) {
        self.high = high
        self.low = low
    }

    /// The PN of device `major`:`minor`: the Linux `dev_t` (glibc's `makedev`) split into halves, as libisofs writes
    /// it and libarchive and xorriso read it.
    public init(major: UInt32, minor: UInt32) {
        let device = isokit_makedev(major, minor)
        self.init(high: UInt32(truncatingIfNeeded: device >> 32), low: UInt32(truncatingIfNeeded: device))
    }

    /// The major number. A zero high half means the low half is a `dev_t` (libisofs, mkisofs, and isokit); otherwise
    /// the halves are the major and minor numbers (genisoimage). Only a libisofs minor number of 2²⁰ or more, or a
    /// genisoimage device with major 0 and minor over 255, reads wrongly — the Linux kernel makes the same choice.
    public var major: UInt32 { high == 0 ? isokit_major(UInt64(low)) : high }

    /// The minor number; see ``major``.
    public var minor: UInt32 { high == 0 ? isokit_minor(UInt64(low)) : low }

    /// Decodes a PN entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `PN`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"PN length"`, `"PN version"`),
    ///   ``DecodeError/byteOrderMismatch(field:offset:littleEndian:bigEndian:)`` and
    ///   ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.2.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "PN", length: .exactly(Self.entrySize))
        high = try reader.bothEndianUInt32(field: "PN device number high")
        low = try reader.bothEndianUInt32(field: "PN device number low")
    }

    /// The 20 bytes of the PN entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.entrySize)
        writer.append(SystemUseEntryHeader.encode("PN", dataCount: 16))
        writer.bothEndianUInt32(high)
        writer.bothEndianUInt32(low)
        return writer.bytes
    }
}

extension DeviceNumber: Codable {}
