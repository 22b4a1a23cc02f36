/// Joliet identifiers (UCS-2 big-endian) for host names, and decoding them back.
///
/// - Each Unicode scalar becomes one UCS-2 code unit. Scalars outside the Basic Multilingual Plane (UCS-2 has no
///   surrogates), control characters U+0000–U+001F and `*` `/` `:` `;` `?` `\` become `_`.
/// - An identifier is at most 64 code units. A longer name is cut, keeping its extension (from the last `.`, when
///   that is not the first character and the extension is at most 16 units with the dot); otherwise it is simply cut.
/// - No `;1` version is added, to files or directories: xorriso (`-compliance only_iso_version`, its default) and
///   genisoimage both leave it out, and Windows and Linux read names without it. ``decode(_:)`` strips one if an
///   image has it.
/// - Identifiers are unique within a directory, compared code unit by code unit (so `a.txt` and `A.TXT` both stay,
///   as with xorriso and genisoimage); clashes get a number before the extension, decided in host-name byte order,
///   a name that needed no change keeping it.
///
/// The Joliet tree is the host tree as it is: it is not relocated for depth (see ``RelocationPlan``).
///
/// Spec: Joliet Specification (Microsoft, 1995) §3 (escape sequences), §4 (identifiers); ECMA-119 §9.3.
public enum JolietName {
    /// The most UCS-2 code units in an identifier.
    public static let maxIdentifierLength = 64
    /// The longest extension, in code units with its dot, that survives cutting a long name.
    public static let maxKeptExtensionLength = 16

    /// The encoded identifiers of the entries of one directory.
    /// - Parameters:
    ///   - names: The host names of the entries (unique, as in a host directory).
    ///   - areDirectories: For each name, whether the entry is a directory; the same count as `names`. Files and
    ///     directories are named by the same rules (Joliet allows `.` in directory names, and neither gets a version).
    /// - Returns: One identifier per name in input order, UCS-2 big-endian bytes, all distinct.
    public static func identifiers(for names: [String], areDirectories: [Bool]) -> [[UInt8]] {
        precondition(names.count == areDirectories.count, "one directory flag per name")
        let parts = names.map(proposal)
        let proposals = parts.map { $0.stem + $0.extension }
        let resolved = UniqueIdentifiers.resolve(
            proposals: proposals, hostNames: names,
            isUnchanged: zip(proposals, names).map { $0.elementsEqual($1.utf16) }, clashKey: { $0 },
            variant: { index, n in
                let digits = String(n).utf16.map { $0 }
                let (stem, ext) = parts[index]
                return Array(stem.prefix(maxIdentifierLength - digits.count - ext.count)) + digits + ext
            })
        return resolved.map(encode)
    }

    /// Decodes a Joliet identifier read from an image: UCS-2 (or UTF-16, which some writers use) big-endian to a
    /// `String`, without a trailing `;` version. A lone odd byte is ignored and unpaired surrogates become U+FFFD.
    /// - Parameter bytes: The File Identifier field of a directory record in the supplementary volume.
    /// - Returns: The name.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        if let semicolon = units.lastIndex(of: UInt16(UInt8(ascii: ";"))),
            units[(semicolon + 1)...].allSatisfy({ (0x30...0x39).contains($0) })
        {
            units.removeSubrange(semicolon...)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The bytes whose lexicographic order is the order of Joliet directory records: the identifier's code units
    /// compared as numbers, which is what xorriso and genisoimage write (a `;` version is ignored).
    /// - Parameter identifier: An encoded identifier from ``identifiers(for:areDirectories:)``.
    /// - Returns: The key to compare with `lexicographicallyPrecedes`.
    public static func sortKey(_ identifier: [UInt8]) -> [UInt8] {
        var key = identifier
        var index = 0
        while index + 1 < key.count {
            if key[index] == 0, key[index + 1] == UInt8(ascii: ";") {
                key.removeSubrange(index...)
                break
            }
            index += 2
        }
        return key
    }

    // MARK: - Building identifiers

    /// The stem and extension (with its dot) a host name maps to on its own, cut to 64 code units.
    static func proposal(for hostName: String) -> (stem: [UInt16], extension: [UInt16]) {
        let units = hostName.unicodeScalars.map(codeUnit)
        let dot = UInt16(UInt8(ascii: "."))
        var stem = units
        var ext: [UInt16] = []
        if let last = units.lastIndex(of: dot), last > 0, units.count - last <= maxKeptExtensionLength {
            stem = Array(units[..<last])
            ext = Array(units[last...])
        }
        if stem.count + ext.count > maxIdentifierLength {
            stem = Array(stem.prefix(maxIdentifierLength - ext.count))
        }
        if stem.isEmpty && ext.isEmpty { stem = [UInt16(UInt8(ascii: "_"))] }
        return (stem, ext)
    }

    /// The UCS-2 code unit for one scalar, `_` where Joliet forbids it or UCS-2 cannot hold it.
    static func codeUnit(_ scalar: Unicode.Scalar) -> UInt16 {
        let underscore = UInt16(UInt8(ascii: "_"))
        guard scalar.value <= 0xFFFF, scalar.value >= 0x20 else { return underscore }
        switch scalar {
        case "*", "/", ":", ";", "?", "\\": return underscore
        default: return UInt16(scalar.value)
        }
    }

    static func encode(_ units: [UInt16]) -> [UInt8] {
        units.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }
}
