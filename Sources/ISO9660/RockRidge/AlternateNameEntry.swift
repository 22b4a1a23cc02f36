import BinaryIO

/// RRIP §4.1.4 — NM entry: a piece of the POSIX name of a file, or a flag meaning `.` or `..`.
public struct AlternateNameEntry: Hashable, Sendable {
    /// The NM flags (all bits are kept, including reserved ones).
    public var flags: Flags
    /// The name bytes in this entry; the full name is the concatenation over all NM entries of the file.
    public var name: [UInt8]

    /// The byte size of an NM entry without name bytes.
    public static let fixedSize = 5
    /// The most name bytes one NM entry can hold.
    public static let maximumNameBytes = 255 - fixedSize

    /// Creates an entry.
    public init(flags: Flags = [], name: [UInt8]) {
        self.flags = flags
        self.name = name
    }

    /// The entry standing for the directory itself (`.`).
    public static let current = AlternateNameEntry(flags: .current, name: [])
    /// The entry standing for the parent directory (`..`).
    public static let parent = AlternateNameEntry(flags: .parent, name: [])

    /// Decodes an NM entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `NM`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"NM length"` below 5, `"NM version"`) and
    ///   ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.4.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "NM", length: .atLeast(Self.fixedSize))
        flags = Flags(rawValue: try reader.uint8())
        name = Array(try reader.bytes(reader.remaining))
    }

    /// The bytes of the NM entry. A name longer than ``maximumNameBytes`` is a programmer error.
    public func encode() -> [UInt8] {
        SystemUseEntryHeader.encode("NM", dataCount: 1 + name.count) + [flags.rawValue] + name
    }

    /// NM entries recording `name`, split into pieces of at most ``maximumNameBytes`` bytes joined by
    /// ``Flags/continue``. An empty name gives one entry without name bytes.
    public static func entries(for name: [UInt8]) -> [AlternateNameEntry] {
        guard !name.isEmpty else { return [AlternateNameEntry(name: [])] }
        var entries: [AlternateNameEntry] = []
        var start = name.startIndex
        while start < name.endIndex {
            let end = min(start + maximumNameBytes, name.endIndex)
            entries.append(AlternateNameEntry(flags: end < name.endIndex ? .continue : [], name: Array(name[start..<end])))
            start = end
        }
        return entries
    }
}

extension AlternateNameEntry {
    /// RRIP §4.1.4 — NM flags.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The name continues in the next NM entry (bit 0).
        public static let `continue` = Flags(rawValue: 1 << 0)
        /// The entry stands for the directory itself, `.` (bit 1).
        public static let current = Flags(rawValue: 1 << 1)
        /// The entry stands for the parent directory, `..` (bit 2).
        public static let parent = Flags(rawValue: 1 << 2)
        /// Historically the local host name (bit 5); no longer defined, kept when read.
        public static let host = Flags(rawValue: 1 << 5)
    }
}
