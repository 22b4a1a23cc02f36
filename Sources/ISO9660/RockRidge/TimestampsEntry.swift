import BinaryIO

/// RRIP §4.1.6 — TF entry: file time stamps, each a 7-byte ECMA-119 §9.1.5 date or, with
/// ``Flags/longForm``, a 17-byte §8.4.26.1 date.
public struct TimestampsEntry: Hashable, Sendable {
    /// Which time stamps are recorded and in which form.
    public private(set) var flags: Flags
    /// The recorded time stamps, in flag bit order (creation, modification, access, attributes, backup, expiration,
    /// effective), all in the form ``flags`` gives.
    public private(set) var values: [Timestamp]

    /// The byte size of a TF entry without time stamps.
    public static let fixedSize = 5

    /// Creates an entry from flags and matching values.
    ///
    /// `values` must hold one time stamp per kind in `flags`, each ``Timestamp/long(_:)`` exactly when `flags`
    /// contains ``Flags/longForm``; anything else is a programmer error.
    public init(flags: Flags, values: [Timestamp]) {
        precondition(values.count == flags.kinds.count, "TF needs one value per time stamp flag")
        precondition(values.allSatisfy { $0.isLong == flags.contains(.longForm) }, "TF values must match the long-form flag")
        self.flags = flags
        self.values = values
    }

    /// Creates an entry from Unix times (seconds, UTC); `nil` times are not recorded.
    ///
    /// Short-form dates hold years 1900–2155 and long-form dates years 1–9999; times outside are clamped.
    public init(
        longForm: Bool = false, creation: Int64? = nil, modification: Int64? = nil, access: Int64? = nil,
        attributeChange: Int64? = nil, backup: Int64? = nil, expiration: Int64? = nil, effective: Int64? = nil
    ) {
        var flags: Flags = longForm ? .longForm : []
        var values: [Timestamp] = []
        let times = [creation, modification, access, attributeChange, backup, expiration, effective]
        for (kind, time) in zip(Flags.allKinds, times) {
            guard let time else { continue }
            flags.insert(kind)
            values.append(longForm ? .long(VolumeDate(unixTime: time)) : .short(RecordingDate(unixTime: time)))
        }
        self.init(flags: flags, values: values)
    }

    /// The time stamp recorded for `kind` (one of ``Flags/allKinds``), or `nil`.
    public func value(for kind: Flags) -> Timestamp? {
        guard flags.contains(kind) else { return nil }
        let index = flags.kinds.firstIndex(of: kind)
        return index.map { values[$0] }
    }

    /// The Unix time recorded for `kind`, or `nil` when absent or unrecorded.
    public func unixTime(for kind: Flags) -> Int64? { value(for: kind)?.unixTime }

    /// Decodes a TF entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `TF`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"TF length"` when it is not 5 plus 7 or 17 bytes per
    ///   flagged time stamp, `"TF version"`) and ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.6.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "TF", length: .atLeast(Self.fixedSize))
        flags = Flags(rawValue: try reader.uint8())
        let long = flags.contains(.longForm)
        let size = long ? VolumeDate.size : RecordingDate.size
        let count = flags.kinds.count
        guard reader.remaining == count * size else {
            throw .invalidValue(
                field: "TF length", offset: offset + 2,
                reason: "\(Self.fixedSize + reader.remaining) bytes, expected \(Self.fixedSize + count * size) for \(count) time stamps")
        }
        values = []
        for _ in 0..<count {
            let at = reader.offset
            let field = try reader.bytes(size)
            values.append(long ? .long(try VolumeDate(bytes: field, at: at)) : .short(try RecordingDate(bytes: field, at: at)))
        }
    }

    /// The bytes of the TF entry.
    public func encode() -> [UInt8] {
        let stamps = values.flatMap { $0.encode() }
        return SystemUseEntryHeader.encode("TF", dataCount: 1 + stamps.count) + [flags.rawValue] + stamps
    }
}

extension TimestampsEntry {
    /// RRIP §4.1.6 — TF flags: which time stamps follow, and their form.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Creation time (bit 0).
        public static let creation = Flags(rawValue: 1 << 0)
        /// Modification time, `st_mtime` (bit 1).
        public static let modification = Flags(rawValue: 1 << 1)
        /// Last access time, `st_atime` (bit 2).
        public static let access = Flags(rawValue: 1 << 2)
        /// Last attribute change time, `st_ctime` (bit 3).
        public static let attributes = Flags(rawValue: 1 << 3)
        /// Last backup time (bit 4).
        public static let backup = Flags(rawValue: 1 << 4)
        /// Expiration time (bit 5).
        public static let expiration = Flags(rawValue: 1 << 5)
        /// Effective time (bit 6).
        public static let effective = Flags(rawValue: 1 << 6)
        /// The time stamps use the 17-byte long form instead of the 7-byte short form (bit 7).
        public static let longForm = Flags(rawValue: 1 << 7)

        /// The seven time stamp kinds, in the order their values are recorded.
        public static let allKinds: [Flags] = [
            .creation, .modification, .access, .attributes, .backup, .expiration, .effective,
        ]

        /// The time stamp kinds present, in recording order.
        public var kinds: [Flags] { Self.allKinds.filter { contains($0) } }
    }

    /// One recorded time stamp.
    public enum Timestamp: Hashable, Sendable {
        /// A 7-byte ECMA-119 §9.1.5 date.
        case short(RecordingDate)
        /// A 17-byte ECMA-119 §8.4.26.1 date.
        case long(VolumeDate)

        /// Whether this is the long form.
        public var isLong: Bool {
            if case .long = self { true } else { false }
        }

        /// Seconds since 1970-01-01 UTC, or `nil` when unrecorded or invalid.
        public var unixTime: Int64? {
            switch self {
            case let .short(date): date.unixTime
            case let .long(date): date.unixTime
            }
        }

        /// The 7 or 17 bytes of the date.
        public func encode() -> [UInt8] {
            switch self {
            case let .short(date): date.encode()
            case let .long(date): date.encode()
            }
        }
    }
}
