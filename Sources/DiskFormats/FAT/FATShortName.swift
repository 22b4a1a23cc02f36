/// fatgen103 §6.1, §7 — An 8.3 short name (11 bytes, space padded), its generation from a long name, and the
/// checksum long name entries carry.
public struct FATShortName: Hashable, Sendable {
    /// The 11 bytes: base name (8) then extension (3), padded with spaces.
    public var bytes: [UInt8]

    /// Wraps 11 raw bytes.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 11, "a short name has 11 bytes")
        self.bytes = bytes
    }

    /// The short name for `.` or `..` entries.
    public static let dot = FATShortName(bytes: Array(".          ".utf8))
    /// The short name of a `..` entry.
    public static let dotDot = FATShortName(bytes: Array("..         ".utf8))

    /// Characters allowed in short names besides `A`–`Z` and `0`–`9` (fatgen103 §6.1).
    static let specials = Set("$%'-_@~`!(){}^#&".utf8)

    /// `name` as a short name if it already is a valid upper-case 8.3 name (so it needs no long name), else `nil`.
    public init?(exactly name: String) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let base = Array(parts[0].utf8)
        let ext = parts.count == 2 ? Array(parts[1].utf8) : []
        guard (1...8).contains(base.count), ext.count <= 3, parts.count == 1 || !ext.isEmpty else { return nil }
        guard (base + ext).allSatisfy(Self.isShortNameCharacter) else { return nil }
        self.init(base: base, extension: ext)
    }

    private init(base: [UInt8], extension ext: [UInt8]) {
        var raw = base + Array(repeating: 0x20, count: 8 - base.count) + ext
        raw += Array(repeating: 0x20, count: 11 - raw.count)
        if raw[0] == 0xE5 { raw[0] = 0x05 }
        bytes = raw
    }

    static func isShortNameCharacter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || specials.contains(byte)
    }

    /// Generates the short name for `longName` that is unique among `existing` (fatgen103 §7, "basis-name
    /// generation" and "numeric-tail generation"): upper case, characters not allowed become `_`, spaces and
    /// leading periods go, the base keeps 8 characters and the extension (after the last period) 3; when anything
    /// was lost or the name is taken, a tail `~N` replaces the end of the base.
    /// - Parameters:
    ///   - longName: The full name.
    ///   - existing: Short names already used in the directory.
    /// - Returns: A name not in `existing`, or `nil` if all tails up to `~999999` are taken.
    public static func generate(for longName: String, existing: Set<FATShortName>) -> FATShortName? {
        if let exact = FATShortName(exactly: longName.uppercased()), !existing.contains(exact) {
            // A name differing only in case keeps its basis without a tail; the long name records the case.
            return exact
        }
        var lossy = false
        func convert(_ text: Substring) -> [UInt8] {
            var out: [UInt8] = []
            for scalar in text.uppercased().unicodeScalars {
                if scalar == " " || scalar == "." {
                    lossy = true
                    continue
                }
                if scalar.isASCII, isShortNameCharacter(UInt8(scalar.value)) {
                    out.append(UInt8(scalar.value))
                } else {
                    lossy = true
                    out.append(0x5F)
                }
            }
            return out
        }
        var trimmed = Substring(longName)
        while trimmed.first == "." {
            trimmed = trimmed.dropFirst()
            lossy = true
        }
        let lastDot = trimmed.lastIndex(of: ".")
        var base = convert(lastDot.map { trimmed[..<$0] } ?? trimmed)
        var ext = convert(lastDot.map { trimmed[trimmed.index(after: $0)...] } ?? "")
        if base.count > 8 { lossy = true }
        if ext.count > 3 { lossy = true }
        base = Array(base.prefix(8))
        ext = Array(ext.prefix(3))
        if base.isEmpty { base = Array("_".utf8) }
        let basis = FATShortName(base: base, extension: ext)
        if !lossy, !existing.contains(basis) { return basis }
        for tail in 1...999_999 {
            let suffix = Array("~\(tail)".utf8)
            let kept = Array(base.prefix(8 - suffix.count))
            let candidate = FATShortName(base: kept + suffix, extension: ext)
            if !existing.contains(candidate) { return candidate }
        }
        return nil
    }

    /// The checksum of the 11 name bytes stored in each long name entry of the set (fatgen103 §7): rotate right
    /// by one bit, then add the next byte.
    public var checksum: UInt8 {
        var sum: UInt8 = 0
        for byte in bytes { sum = (sum >> 1 | sum << 7) &+ byte }
        return sum
    }

    /// The name as `BASE.EXT` (or `BASE` without an extension), bytes read as Latin-1.
    public var displayName: String { displayName(caseFlags: 0) }

    /// The name as ``displayName`` shows it, with the case flags of the entry's reserved byte applied: bit 3 lowers
    /// the base, bit 4 the extension (how Windows NT and Linux store all-lowercase 8.3 names without a long name).
    public func displayName(caseFlags: UInt8) -> String {
        var raw = bytes
        for index in 0..<11 where (index < 8 ? caseFlags & 0x08 : caseFlags & 0x10) != 0 && (0x41...0x5A).contains(raw[index]) {
            raw[index] += 0x20
        }
        if raw[0] == 0x05 { raw[0] = 0xE5 }
        func text(_ part: ArraySlice<UInt8>) -> String {
            var end = part.endIndex
            while end > part.startIndex, part[end - 1] == 0x20 { end -= 1 }
            return String(String.UnicodeScalarView(part[part.startIndex..<end].map { Unicode.Scalar($0) }))
        }
        let base = text(raw[0..<8])
        let ext = text(raw[8..<11])
        return ext.isEmpty ? base : base + "." + ext
    }
}
