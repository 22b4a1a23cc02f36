/// System V gABI "Program Header", Figure "Segment Flag Bits, `p_flags`" — a segment's memory permissions.
public struct ELFSegmentFlags: OptionSet, Hashable, Sendable {
    /// The `p_flags` value, unknown bits included.
    public var rawValue: UInt32

    /// Creates flags from a `p_flags` value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `PF_X`: executable.
    public static let execute = Self(rawValue: 0x1)
    /// `PF_W`: writable.
    public static let write = Self(rawValue: 0x2)
    /// `PF_R`: readable.
    public static let read = Self(rawValue: 0x4)
}
