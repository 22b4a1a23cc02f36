import BinaryIO

/// RRIP §4.1.3 — SL entry: part of the target of a symbolic link, as a list of path components.
public struct SymbolicLinkEntry: Hashable, Sendable {
    /// The SL flags; ``Flags/continue`` means the link continues in the next SL entry.
    public var flags: Flags
    /// The component records of this entry, in path order.
    public var components: [Component]

    /// The byte size of an SL entry without components.
    public static let fixedSize = 5
    /// The most bytes of component records one SL entry can hold.
    public static let maximumComponentBytes = 255 - fixedSize

    /// Creates an entry.
    public init(flags: Flags = [], components: [Component]) {
        self.flags = flags
        self.components = components
    }

    /// Decodes an SL entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `SL`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"SL length"` below 5, `"SL version"`),
    ///   ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` (`"SL component length"`) when a component
    ///   runs past the entry, and ``DecodeError/truncated(structure:offset:needed:available:)`` (`"SL component"`)
    ///   when a single byte is left for a component record.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.3.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "SL", length: .atLeast(Self.fixedSize))
        flags = Flags(rawValue: try reader.uint8())
        let area = try reader.bytes(reader.remaining)
        var componentReader = ByteReader(area, at: reader.offset(of: Self.fixedSize), structure: "SL component")
        components = []
        while componentReader.remaining > 0 {
            let componentFlags = Component.Flags(rawValue: try componentReader.uint8())
            let lengthOffset = componentReader.offset
            let length = Int(try componentReader.uint8())
            guard length <= componentReader.remaining else {
                throw .fieldOutOfRange(
                    field: "SL component length", offset: lengthOffset, value: UInt64(length),
                    limit: UInt64(componentReader.remaining))
            }
            components.append(Component(flags: componentFlags, content: Array(try componentReader.bytes(length))))
        }
    }

    /// The bytes of the SL entry. Components longer than ``maximumComponentBytes`` together are a programmer error.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: 255)
        let dataCount = components.reduce(1) { $0 + Component.headerSize + $1.content.count }
        writer.append(SystemUseEntryHeader.encode("SL", dataCount: dataCount))
        writer.uint8(flags.rawValue)
        for component in components {
            precondition(component.content.count <= 255, "an SL component record holds at most 255 bytes")
            writer.uint8(component.flags.rawValue)
            writer.uint8(UInt8(component.content.count))
            writer.append(component.content)
        }
        return writer.bytes
    }
}

extension SymbolicLinkEntry {
    /// RRIP §4.1.3 — SL flags.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The link target continues in the next SL entry (bit 0).
        public static let `continue` = Flags(rawValue: 1 << 0)
    }

    /// RRIP §4.1.3.1 — one component record of an SL entry.
    public struct Component: Hashable, Sendable {
        /// The component flags.
        public var flags: Flags
        /// The component text (empty for ``Flags/current``, ``Flags/parent`` and ``Flags/root``).
        public var content: [UInt8]

        /// The byte size of a component record's flags and length.
        public static let headerSize = 2

        /// Creates a component record.
        public init(flags: Flags = [], content: [UInt8]) {
            self.flags = flags
            self.content = content
        }

        /// The `.` component.
        public static let current = Component(flags: .current, content: [])
        /// The `..` component.
        public static let parent = Component(flags: .parent, content: [])
        /// The `/` component that starts an absolute path.
        public static let root = Component(flags: .root, content: [])

        /// RRIP §4.1.3.1 — component flags.
        public struct Flags: OptionSet, Hashable, Sendable {
            public let rawValue: UInt8
            public init(rawValue: UInt8) { self.rawValue = rawValue }

            /// The component continues in the next component record (bit 0).
            public static let `continue` = Flags(rawValue: 1 << 0)
            /// The component is `.` (bit 1).
            public static let current = Flags(rawValue: 1 << 1)
            /// The component is `..` (bit 2).
            public static let parent = Flags(rawValue: 1 << 2)
            /// The component is the root directory, `/` (bit 3).
            public static let root = Flags(rawValue: 1 << 3)
            /// Historically the mount point of the volume (bit 4); no longer defined, kept when read.
            public static let volumeRoot = Flags(rawValue: 1 << 4)
            /// Historically the local host name (bit 5); no longer defined, kept when read.
            public static let host = Flags(rawValue: 1 << 5)
        }
    }
}

extension SymbolicLinkEntry {
    /// SL entries recording the link target `target` (bytes of a path such as `/usr/bin`, `../a` or `b/c`).
    ///
    /// A leading `/` becomes a ``Component/root`` record, `.` and `..` become ``Component/current`` and
    /// ``Component/parent``, and other components keep their bytes, including empty ones (so `a//b` and `a/`
    /// survive). A component that does not fit the current entry starts the next one (joined by
    /// ``Flags/continue``); one longer than an entry can hold is split with ``Component/Flags/continue``.
    public static func entries(forTarget target: [UInt8]) -> [SymbolicLinkEntry] {
        var entries: [SymbolicLinkEntry] = []
        var current: [Component] = []
        var used = 0
        func startNewEntry() {
            entries.append(SymbolicLinkEntry(flags: .continue, components: current))
            current = []
            used = 0
        }
        for component in pathComponents(target) {
            var rest = component.content[...]
            if used + Component.headerSize + rest.count > maximumComponentBytes,
                Component.headerSize + rest.count <= maximumComponentBytes
            {
                startNewEntry()
            }
            repeat {
                if maximumComponentBytes - used < Component.headerSize + (rest.isEmpty ? 0 : 1) { startNewEntry() }
                let piece = rest.prefix(maximumComponentBytes - used - Component.headerSize)
                rest = rest.dropFirst(piece.count)
                let flags = rest.isEmpty ? component.flags : component.flags.union(.continue)
                current.append(Component(flags: flags, content: Array(piece)))
                used += Component.headerSize + piece.count
            } while !rest.isEmpty
        }
        entries.append(SymbolicLinkEntry(flags: [], components: current))
        return entries
    }

    /// The component records of a path, before splitting into entries.
    private static func pathComponents(_ target: [UInt8]) -> [Component] {
        let slash = UInt8(ascii: "/")
        var components: [Component] = []
        var rest = target[...]
        if rest.first == slash {
            components.append(.root)
            rest = rest.dropFirst()
            if rest.isEmpty { return components }
        } else if rest.isEmpty {
            return []
        }
        for part in rest.split(separator: slash, omittingEmptySubsequences: false) {
            if part.elementsEqual([UInt8(ascii: ".")]) {
                components.append(.current)
            } else if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                components.append(.parent)
            } else {
                components.append(Component(content: Array(part)))
            }
        }
        return components
    }

    /// The link target spelled by `components` (the records of all SL entries of a file, in order): records marked
    /// ``Component/Flags/continue`` are joined to the next without a separator, the others with `/`.
    ///
    /// The obsolete ``Component/Flags/volumeRoot`` and ``Component/Flags/host`` records are taken as plain text.
    public static func target(of components: [Component]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        var path: [UInt8] = []
        var needsSeparator = false
        for component in components {
            if component.flags.contains(.root) {
                if path.last != slash { path.append(slash) }
                needsSeparator = false
                continue
            }
            if needsSeparator { path.append(slash) }
            if component.flags.contains(.parent) {
                path += [UInt8(ascii: "."), UInt8(ascii: ".")]
            } else if component.flags.contains(.current) {
                path.append(UInt8(ascii: "."))
            } else {
                path += component.content
            }
            needsSeparator = !component.flags.contains(.continue)
        }
        return path
    }
}
