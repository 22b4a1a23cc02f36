/// One line of `/proc/PID/mountinfo` (Linux `Documentation/filesystems/proc.rst` §3.5): the fields a write
/// target is checked against.
public struct MountInfoEntry: Hashable, Sendable {
    /// The device number `major:minor` of the mounted file system (`st_dev`).
    public var device: String
    /// The mount point, with the kernel's octal escapes (`\040` for a blank) decoded.
    public var mountPoint: String
    /// The mount source after the ` - ` separator, e.g. `/dev/sda2`.
    public var source: String

    /// Creates an entry.
    public init(device: String, mountPoint: String, source: String) {
        self.device = device
        self.mountPoint = mountPoint
        self.source = source
    }

    /// Parses one line: `ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS`.
    ///
    /// - Returns: The entry, or `nil` for a line without those fields.
    public init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, let separator = fields.firstIndex(of: "-"), separator >= 6,
            separator + 2 < fields.count
        else { return nil }
        device = String(fields[2])
        mountPoint = Self.unescaped(fields[4])
        source = Self.unescaped(fields[separator + 2])
    }

    /// Every entry of a mountinfo file's text.
    public static func parse(_ text: String) -> [MountInfoEntry] {
        text.split(separator: "\n").compactMap { MountInfoEntry(line: $0) }
    }

    /// `\NNN` octal escapes decoded.
    static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
                let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
