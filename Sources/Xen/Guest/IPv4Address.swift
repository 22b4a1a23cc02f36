/// A dotted-quad IPv4 address, for `--ip-start` and sequential guest addresses.
public struct IPv4Address: Hashable, Sendable, Codable, Comparable {
    /// The address as a 32-bit number, first octet highest.
    public var rawValue: UInt32

    /// Creates an address from its 32-bit value.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Reads `A.B.C.D`, each part 0…255 in decimal; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isWholeNumber), part.allSatisfy(\.isASCII), let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        rawValue = value
    }

    /// The address `offset` places further on, or `nil` past 255.255.255.255.
    public func advanced(by offset: Int) -> IPv4Address? {
        guard let step = UInt32(exactly: offset) else { return nil }
        let (sum, overflow) = rawValue.addingReportingOverflow(step)
        return overflow ? nil : IPv4Address(rawValue: sum)
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension IPv4Address: CustomStringConvertible {
    /// The dotted-quad form, `192.168.1.10`.
    public var description: String {
        [24, 16, 8, 0].map { String(rawValue >> UInt32($0) & 0xFF) }.joined(separator: ".")
    }
}
