import ISO9660
import Testing

/// A path relative to an image's or a tree's root, compared byte for byte.
///
/// `String` equality is canonical equivalence, so `école` (NFC) equals `école` (NFD); a reader that normalises names
/// must not pass, so paths are keyed by their UTF-8 bytes.
struct RawPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    var bytes: [UInt8]

    init(_ text: some StringProtocol) { bytes = Array(text.utf8) }

    init(bytes: [UInt8]) { self.bytes = bytes }

    var description: String { String(decoding: bytes, as: UTF8.self) }

    /// The last component.
    var name: String { description.split(separator: "/").last.map(String.init) ?? "" }

    /// The path of the parent directory; empty for a top-level name.
    var parent: RawPath {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return RawPath(bytes: []) }
        return RawPath(bytes: Array(bytes[..<slash]))
    }

    static func < (left: RawPath, right: RawPath) -> Bool { left.bytes.lexicographicallyPrecedes(right.bytes) }
}

/// What one reader reports about one path; a field is `nil` when the reader does not report it.
struct ListedFile: Hashable, Sendable, CustomStringConvertible {
    var kind: EntryKind
    /// Permission bits with set-ID and sticky bits (`mode & 0o7777`).
    var permissions: UInt32?
    /// Bytes, for regular files only.
    var size: Int64?
    var symlinkTarget: String?
    /// Major and minor number, for block and character devices only.
    var device: DeviceID?

    init(
        kind: EntryKind, permissions: UInt32? = nil, size: Int64? = nil, symlinkTarget: String? = nil,
        device: DeviceID? = nil
    ) {
        self.kind = kind
        self.permissions = permissions
        self.size = kind == .regular ? size : nil
        self.symlinkTarget = kind == .symlink ? symlinkTarget : nil
        self.device = kind == .characterDevice || kind == .blockDevice ? device : nil
    }

    /// A device number as `ls -l` prints it (`1,3`), for block and character devices.
    static func device(_ text: some StringProtocol, kind: EntryKind) -> DeviceID? {
        guard kind == .characterDevice || kind == .blockDevice else { return nil }
        let parts = text.split(separator: ",")
        guard parts.count == 2, let major = UInt32(parts[0]), let minor = UInt32(parts[1]) else { return nil }
        return DeviceID(major: major, minor: minor)
    }

    var description: String {
        var text = kind.rawValue
        if let permissions { text += " 0" + String(permissions, radix: 8) }
        if let size { text += " \(size) bytes" }
        if let symlinkTarget { text += " -> \(symlinkTarget)" }
        if let device { text += " \(device.major),\(device.minor)" }
        return text
    }
}

/// Every path a reader saw, without the root.
typealias Listing = [RawPath: ListedFile]

/// The fields a comparison looks at.
struct ListedFields: OptionSet, Sendable {
    let rawValue: Int
    static let kind = ListedFields(rawValue: 1 << 0)
    static let permissions = ListedFields(rawValue: 1 << 1)
    static let size = ListedFields(rawValue: 1 << 2)
    static let symlinkTarget = ListedFields(rawValue: 1 << 3)
    static let device = ListedFields(rawValue: 1 << 4)
    static let all: ListedFields = [.kind, .permissions, .size, .symlinkTarget, .device]
    /// Everything but device numbers, for readers that do not print them (isoinfo, pycdlib here).
    static let allButDevices: ListedFields = [.kind, .permissions, .size, .symlinkTarget]
}

extension Dictionary where Key == RawPath, Value == ListedFile {
    /// Drops a root-level relocation directory (RRIP §4.1.5) that holds nothing once relocated directories are
    /// back at their places: libarchive and isokit hide it, xorriso, isoinfo and pycdlib list it.
    func withoutEmptyRelocationDirectory() -> Listing {
        var result = self
        for name in ["rr_moved", ".rr_moved", "RR_MOVED"] {
            let path = RawPath(name)
            guard result[path]?.kind == .directory else { continue }
            let prefix = path.bytes + [UInt8(ascii: "/")]
            if !result.keys.contains(where: { $0.bytes.starts(with: prefix) }) { result[path] = nil }
        }
        return result
    }

    /// The listing with set-ID and sticky bits cleared, for readers that do not show them (isoinfo).
    func withoutSpecialBits() -> Listing {
        mapValues { file in
            var copy = file
            copy.permissions = file.permissions.map { $0 & 0o777 }
            return copy
        }
    }
}

/// Compares what two readers report.
enum ListingCompare {
    /// Records one issue per difference: paths only one side has, and `fields` that differ for a common path.
    /// - Parameters:
    ///   - actual: What the reader under test reported.
    ///   - expected: The reference (the source tree or another reader).
    ///   - reader: Names the reader in messages.
    ///   - fields: What to compare for each common path.
    static func expectSame(
        _ actual: Listing, _ expected: Listing, reader: String, fields: ListedFields = .all,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let missing = Set(expected.keys).subtracting(actual.keys).sorted()
        let extra = Set(actual.keys).subtracting(expected.keys).sorted()
        if !missing.isEmpty {
            Issue.record("\(reader) lacks \(missing.count) paths: \(missing.prefix(12))", sourceLocation: sourceLocation)
        }
        if !extra.isEmpty {
            Issue.record("\(reader) has \(extra.count) unexpected paths: \(extra.prefix(12))", sourceLocation: sourceLocation)
        }
        var differences: [String] = []
        for (path, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let have = actual[path] else { continue }
            var wrong: [String] = []
            if fields.contains(.kind), have.kind != want.kind { wrong.append("kind \(have.kind) ≠ \(want.kind)") }
            if fields.contains(.permissions), have.permissions != want.permissions {
                wrong.append("mode \(octal(have.permissions)) ≠ \(octal(want.permissions))")
            }
            if fields.contains(.size), have.size != want.size {
                wrong.append("size \(have.size.map(String.init) ?? "-") ≠ \(want.size.map(String.init) ?? "-")")
            }
            if fields.contains(.symlinkTarget), have.symlinkTarget != want.symlinkTarget {
                wrong.append("target \(have.symlinkTarget ?? "-") ≠ \(want.symlinkTarget ?? "-")")
            }
            if fields.contains(.device), have.device != want.device {
                wrong.append("device \(have.device.map { "\($0.major),\($0.minor)" } ?? "-") ≠ \(want.device.map { "\($0.major),\($0.minor)" } ?? "-")")
            }
            if !wrong.isEmpty { differences.append("\(path): \(wrong.joined(separator: ", "))") }
        }
        if !differences.isEmpty {
            Issue.record(
                "\(reader) differs for \(differences.count) paths:\n\(differences.prefix(20).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        }
    }

    static func octal(_ value: UInt32?) -> String { value.map { "0" + String($0, radix: 8) } ?? "-" }
}
