/// ISO 9660 level 3 identifiers for host names, and the order of directory records.
///
/// - A file becomes `NAME.EXT;1`: the host name is split at its last `.`, each part upper-cased, every character
///   that is not a d-character (`A`–`Z`, `0`–`9`, `_`) becomes one `_` (per Unicode scalar), and name plus extension
///   are at most 30 characters (§7.5.1 counts them without the `.`, as xorriso and `genisoimage -l` do). A name
///   without extension keeps its `.` (`README.;1`), as §7.5.1 requires.
/// - A directory becomes up to 31 d-characters (§7.6.3), with no `.` and no version.
/// - Identifiers are unique within a directory; clashes get a number before the extension (`A1.TXT;1`), decided in
///   host-name byte order (see `UniqueIdentifiers`), a host name already spelled as its identifier (`README.TXT`)
///   keeping it. A file `FOO.` and a directory `FOO` count as a clash, since
///   readers that strip the trailing dot would show both as `FOO`.
///
/// Spec: ECMA-119 §7.4.1 (d-characters), §7.5 (file identifiers), §7.6 (directory identifiers), §9.3 (record order).
public enum ISOName {
    /// The most characters of name plus extension in a file identifier, the `.` and `;1` not counted (§7.5.1).
    public static let maxFileNameAndExtensionLength = 30
    /// The most characters in a directory identifier (§7.6.3).
    public static let maxDirectoryIdentifierLength = 31
    /// A long extension is cut to this many characters when name plus extension must shrink (unless the name is
    /// short enough to leave it more room).
    static let shortenedExtensionLength = 8

    /// The identifiers of the entries of one directory.
    /// - Parameters:
    ///   - names: The host names of the entries (unique, as in a host directory).
    ///   - areDirectories: For each name, whether the entry is a directory; the same count as `names`.
    /// - Returns: One identifier per name in input order: `NAME.EXT;1` for files, `NAME` for directories, all distinct
    ///   (see the type's notes for what counts as a clash).
    public static func identifiers(for names: [String], areDirectories: [Bool]) -> [String] {
        precondition(names.count == areDirectories.count, "one directory flag per name")
        let parts = zip(names, areDirectories).map { name, isDirectory in proposal(for: name, isDirectory: isDirectory) }
        let proposals = zip(parts, areDirectories).map { part, isDirectory in
            spelled(name: part.name, extension: part.extension, isDirectory: isDirectory)
        }
        let resolved = UniqueIdentifiers.resolve(
            proposals: proposals, hostNames: names,
            isUnchanged: zip(proposals, names).map { clashKey($0).elementsEqual($1.utf8) },
            clashKey: clashKey,
            variant: { index, n in
                let (name, ext) = numbered(parts[index], n: n, isDirectory: areDirectories[index])
                return spelled(name: name, extension: ext, isDirectory: areDirectories[index])
            })
        return resolved.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes whose lexicographic order is the §9.3 order of directory records: file name first, then extension,
    /// the shorter of two padded with spaces; the version is ignored (ours is always 1).
    ///
    /// The key is the name, a 0 byte, then the extension, each without trailing spaces. For identifiers of
    /// d-characters and `.` (every identifier this type makes) and for the one-byte identifiers 0x00 and 0x01 of
    /// `.` and `..`, comparing keys is the same as comparing space-padded fields, since all those bytes sort above
    /// the space while the 0 sorts below it.
    /// - Parameter identifier: A file or directory identifier, e.g. `README.;1` or `BOOT`.
    /// - Returns: The key to compare with `lexicographicallyPrecedes`.
    public static func sortKey(_ identifier: String) -> [UInt8] {
        var bytes = Array(identifier.utf8)
        if let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) { bytes.removeSubrange(semicolon...) }
        let name: ArraySlice<UInt8>
        let ext: ArraySlice<UInt8>
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
            name = bytes[..<dot]
            ext = bytes[(dot + 1)...]
        } else {
            name = bytes[...]
            ext = []
        }
        return Array(trimmingSpaces(name)) + [0] + Array(trimmingSpaces(ext))
    }

    /// Whether `identifier` is one this type could make: for a directory 1–31 d-characters; for a file
    /// `NAME.EXT;1` with d-characters, exactly one `.`, and name plus extension 1–30 characters.
    public static func isValid(_ identifier: String, isDirectory: Bool) -> Bool {
        let bytes = Array(identifier.utf8)
        if isDirectory {
            return (1...maxDirectoryIdentifierLength).contains(bytes.count) && bytes.allSatisfy(isDCharacter)
        }
        guard bytes.count >= 4, bytes.suffix(2).elementsEqual(";1".utf8) else { return false }
        let body = bytes.dropLast(2)
        let dots = body.filter { $0 == UInt8(ascii: ".") }.count
        guard dots == 1 else { return false }
        let characters = body.filter { $0 != UInt8(ascii: ".") }
        return (1...maxFileNameAndExtensionLength).contains(characters.count) && characters.allSatisfy(isDCharacter)
    }

    /// Whether `byte` is a d-character: `A`–`Z`, `0`–`9` or `_` (ECMA-119 §7.4.1).
    public static func isDCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
        default: false
        }
    }

    // MARK: - Building identifiers

    /// The name and extension a host name maps to on its own, before clashes are resolved.
    static func proposal(for hostName: String, isDirectory: Bool) -> (name: [UInt8], extension: [UInt8]) {
        let scalars = Array(hostName.unicodeScalars)
        if isDirectory {
            let name = Array(scalars.map(dCharacter).prefix(maxDirectoryIdentifierLength))
            return (name.isEmpty ? [UInt8(ascii: "_")] : name, [])
        }
        var name: [UInt8]
        var ext: [UInt8]
        if let dot = scalars.lastIndex(of: ".") {
            name = scalars[..<dot].map(dCharacter)
            ext = scalars[(dot + 1)...].map(dCharacter)
        } else {
            name = scalars.map(dCharacter)
            ext = []
        }
        if name.isEmpty && ext.isEmpty { name = [UInt8(ascii: "_")] }
        let limit = maxFileNameAndExtensionLength
        if name.count + ext.count > limit {
            let keptExtension = name.isEmpty ? limit : min(ext.count, max(shortenedExtensionLength, limit - name.count))
            ext = Array(ext.prefix(keptExtension))
            name = Array(name.prefix(limit - ext.count))
        }
        return (name, ext)
    }

    /// The `n`-th numbered variant: the number goes at the end of the name, which is shortened to make room.
    static func numbered(_ part: (name: [UInt8], extension: [UInt8]), n: Int, isDirectory: Bool) -> (
        name: [UInt8], extension: [UInt8]
    ) {
        let digits = Array(String(n).utf8)
        if isDirectory {
            return (Array(part.name.prefix(maxDirectoryIdentifierLength - digits.count)) + digits, [])
        }
        let limit = maxFileNameAndExtensionLength
        let ext = Array(part.extension.prefix(limit - digits.count))
        return (Array(part.name.prefix(limit - digits.count - ext.count)) + digits, ext)
    }

    /// The identifier bytes: `NAME` for a directory, `NAME.EXT;1` for a file.
    static func spelled(name: [UInt8], extension ext: [UInt8], isDirectory: Bool) -> [UInt8] {
        isDirectory ? name : name + [UInt8(ascii: ".")] + ext + Array(";1".utf8)
    }

    /// What must differ between two identifiers of one directory: the identifier without version and trailing `.`.
    static func clashKey(_ identifier: [UInt8]) -> [UInt8] {
        var key = identifier
        if let semicolon = key.firstIndex(of: UInt8(ascii: ";")) { key.removeSubrange(semicolon...) }
        if key.last == UInt8(ascii: ".") { key.removeLast() }
        return key
    }

    /// The d-character for one Unicode scalar: ASCII letters upper-cased, digits and `_` kept, anything else `_`.
    static func dCharacter(_ scalar: Unicode.Scalar) -> UInt8 {
        guard scalar.isASCII else { return UInt8(ascii: "_") }
        let byte = UInt8(scalar.value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - 0x20
        case _ where isDCharacter(byte): return byte
        default: return UInt8(ascii: "_")
        }
    }

    private static func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while bytes.last == 0x20 { bytes.removeLast() }
        return bytes
    }
}
