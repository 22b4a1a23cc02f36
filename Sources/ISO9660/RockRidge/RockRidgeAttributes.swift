import BinaryIO

/// RRIP §4.1 — everything Rock Ridge records about one file, merged from its System Use Entries (NM and SL pieces
/// joined across entries and continuation areas).
public struct RockRidgeAttributes: Hashable, Sendable {
    /// `st_mode` from PX.
    public var mode: UInt32?
    /// `st_nlink` from PX.
    public var links: UInt32?
    /// `st_uid` from PX.
    public var uid: UInt32?
    /// `st_gid` from PX.
    public var gid: UInt32?
    /// `st_ino` from a 44-byte PX.
    public var serial: UInt32?
    /// The POSIX name from the NM entries, joined; `nil` without NM or when NM only marks `.` or `..`.
    ///
    /// Names are bytes on disc: valid UTF-8 is read as such, anything else as ISO 8859-1. Names are written as UTF-8.
    public var name: String?
    /// The symbolic link target from the SL entries (`/`, `.`, `..`, `a/b`, `/usr/bin`); `nil` without SL.
    public var symlinkTarget: String?
    /// The device number from PN.
    public var deviceNumber: DeviceNumber?
    /// Modification time (Unix seconds) from TF.
    public var modificationTime: Int64?
    /// Last access time (Unix seconds) from TF.
    public var accessTime: Int64?
    /// Last attribute change time (Unix seconds) from TF.
    public var attributeChangeTime: Int64?
    /// Creation time (Unix seconds) from TF.
    public var creationTime: Int64?
    /// CL: the extent LBA of the relocated directory this file stands for.
    public var childLinkLBA: UInt32?
    /// PL: the extent LBA of the original parent of this relocated directory (in its `..` record).
    public var parentLinkLBA: UInt32?
    /// RE: this directory was relocated, and is listed under its original parent through a CL entry.
    public var isRelocated: Bool

    /// Creates attributes from values.
    public init(
        mode: UInt32? = nil, links: UInt32? = nil, uid: UInt32? = nil, gid: UInt32? = nil, serial: UInt32? = nil,
        name: String? = nil, symlinkTarget: String? = nil, deviceNumber: DeviceNumber? = nil,
        modificationTime: Int64? = nil, accessTime: Int64? = nil, attributeChangeTime: Int64? = nil,
        creationTime: Int64? = nil, childLinkLBA: UInt32? = nil, parentLinkLBA: UInt32? = nil, isRelocated: Bool = false
    ) {
        self.mode = mode
        self.links = links
        self.uid = uid
        self.gid = gid
        self.serial = serial
        self.name = name
        self.symlinkTarget = symlinkTarget
        self.deviceNumber = deviceNumber
        self.modificationTime = modificationTime
        self.accessTime = accessTime
        self.attributeChangeTime = attributeChangeTime
        self.creationTime = creationTime
        self.childLinkLBA = childLinkLBA
        self.parentLinkLBA = parentLinkLBA
        self.isRelocated = isRelocated
    }

    /// Merges the Rock Ridge entries of one file, in recorded order (system use field first, then each
    /// continuation area). Entries that are not Rock Ridge are ignored; a later PX, PN, CL or PL replaces an
    /// earlier one, and a later TF replaces only the times it records.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` at offset 0 (`"NM"`, `"SL"`) when a second
    ///   name or link target follows a complete one, or the last NM, SL entry or SL component is marked as
    ///   continued.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.
    public init(entries: [SystemUseEntry]) throws(DecodeError) {
        self.init()
        var nameBytes: [UInt8]?
        var nameComplete = false
        var linkComponents: [SymbolicLinkEntry.Component]?
        var linkComplete = false
        for entry in entries {
            switch entry {
            case let .posixAttributes(attributes):
                mode = attributes.mode
                links = attributes.links
                uid = attributes.uid
                gid = attributes.gid
                serial = attributes.serial
            case let .deviceNumber(high, low):
                deviceNumber = DeviceNumber(high: high, low: low)
            case let .alternateName(piece):
                guard !nameComplete else {
                    throw .invalidValue(field: "NM", offset: 0, reason: "a second name follows a complete one")
                }
                if !piece.flags.isDisjoint(with: [.current, .parent]) {
                    nameComplete = !piece.flags.contains(.continue)
                    continue
                }
                nameBytes = (nameBytes ?? []) + piece.name
                nameComplete = !piece.flags.contains(.continue)
            case let .symbolicLink(piece):
                guard !linkComplete else {
                    throw .invalidValue(field: "SL", offset: 0, reason: "a second link target follows a complete one")
                }
                linkComponents = (linkComponents ?? []) + piece.components
                linkComplete = !piece.flags.contains(.continue)
            case let .childLink(location): childLinkLBA = location
            case let .parentLink(location): parentLinkLBA = location
            case .relocatedDirectory: isRelocated = true
            case let .timestamps(stamps):
                creationTime = stamps.unixTime(for: .creation) ?? creationTime
                modificationTime = stamps.unixTime(for: .modification) ?? modificationTime
                accessTime = stamps.unixTime(for: .access) ?? accessTime
                attributeChangeTime = stamps.unixTime(for: .attributes) ?? attributeChangeTime
            case .sharingProtocol, .continuation, .padding, .terminator, .extensionsReference, .rockRidgeFlags, .unknown:
                continue
            }
        }
        if let nameBytes {
            guard nameComplete else {
                throw .invalidValue(field: "NM", offset: 0, reason: "the name continues past the last NM entry")
            }
            name = Self.text(nameBytes)
        }
        if let linkComponents {
            guard linkComplete else {
                throw .invalidValue(field: "SL", offset: 0, reason: "the link target continues past the last SL entry")
            }
            guard linkComponents.last?.flags.contains(.continue) != true else {
                throw .invalidValue(field: "SL", offset: 0, reason: "the last link component is marked as continued")
            }
            symlinkTarget = Self.text(SymbolicLinkEntry.target(of: linkComponents))
        }
    }

    /// The entries that record these attributes, in the order PX, PN, SL…, NM…, CL, PL, RE, TF; each is at most
    /// 255 bytes, with long names and link targets split across entries by their CONTINUE flags.
    ///
    /// PX is written when any of ``mode``, ``links``, ``uid``, ``gid`` or ``serial`` is set (missing ones as 0,
    /// links as 1), in its 44-byte form when ``serial`` is set. TF records creation, modification, access and
    /// attribute change times, whichever are set.
    /// - Parameter timestampsLong: Write TF in the 17-byte long form instead of the 7-byte short form.
    public func entries(timestampsLong: Bool = false) -> [SystemUseEntry] {
        var entries: [SystemUseEntry] = []
        if mode != nil || links != nil || uid != nil || gid != nil || serial != nil {
            entries.append(
                .posixAttributes(
                    POSIXAttributes(mode: mode ?? 0, links: links ?? 1, uid: uid ?? 0, gid: gid ?? 0, serial: serial)))
        }
        if let deviceNumber { entries.append(.deviceNumber(high: deviceNumber.high, low: deviceNumber.low)) }
        if let symlinkTarget {
            entries += SymbolicLinkEntry.entries(forTarget: Array(symlinkTarget.utf8)).map { .symbolicLink($0) }
        }
        if let name { entries += AlternateNameEntry.entries(for: Array(name.utf8)).map { .alternateName($0) } }
        if let childLinkLBA { entries.append(.childLink(childLinkLBA)) }
        if let parentLinkLBA { entries.append(.parentLink(parentLinkLBA)) }
        if isRelocated { entries.append(.relocatedDirectory) }
        if creationTime != nil || modificationTime != nil || accessTime != nil || attributeChangeTime != nil {
            entries.append(
                .timestamps(
                    TimestampsEntry(
                        longForm: timestampsLong, creation: creationTime, modification: modificationTime,
                        access: accessTime, attributeChange: attributeChangeTime)))
        }
        return entries
    }

    /// Name bytes as text: UTF-8 when valid, otherwise ISO 8859-1 (every byte one character), so no byte is lost.
    static func text(_ bytes: [UInt8]) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

extension RockRidgeAttributes: Codable {}
