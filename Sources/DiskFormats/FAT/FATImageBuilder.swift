import BinaryIO

/// Builds a FAT12/16/32 volume image (fatgen103) from an in-memory tree: long names, `.` and `..` entries,
/// contiguous files, two FATs, media byte `0xF8`, 512-byte sectors.
///
/// The same inputs give the same bytes: every timestamp is ``unixTime`` and directories are sorted by name.
/// ```swift
/// var esp = FATImageBuilder(volumeLabel: "ESP", volumeID: 0x1234_5678)
/// try esp.addFile("EFI/BOOT/BOOTX64.EFI", hostPath: "build/grubx64.efi")
/// try esp.write(to: "out/efiboot.img")
/// ```
public struct FATImageBuilder: Sendable {
    /// The volume label (up to 11 characters allowed in short names, or spaces); empty for none.
    public var volumeLabel: String
    /// The volume serial number; pass a value derived from the inputs for reproducible images.
    public var volumeID: UInt32
    /// The image size in bytes, or `nil` for the smallest size that fits plus about 1 MiB of slack.
    public var sizeBytes: Int64?
    /// The FAT type, or `nil` to take it from the cluster count (fatgen103 §3.5).
    public var type: FATType?
    /// The time (seconds since 1970, UTC) stamped on every entry, e.g. `SOURCE_DATE_EPOCH`; clamped to 1980–2107.
    public var unixTime: Int64

    /// What a path in the tree is.
    enum Content: Hashable, Sendable {
        case directory
        case bytes([UInt8])
        case host(path: String, size: Int64)

        var size: Int64 {
            switch self {
            case .directory: 0
            case .bytes(let bytes): Int64(bytes.count)
            case .host(_, let size): size
            }
        }
    }

    /// Every added path (components joined by `/`), and what it is; parents are added implicitly.
    var nodes: [String: Content] = ["": .directory]
    /// Every key of ``nodes`` in upper case, mapped to the key: FAT compares names without regard to case.
    var foldedKeys: [String: String] = ["": ""]

    /// Creates an empty volume description.
    /// - Parameters:
    ///   - volumeLabel: Up to 11 characters; lower case is raised.
    ///   - volumeID: The serial number.
    ///   - sizeBytes: The image size, a multiple of 512, or `nil` to fit the contents.
    ///   - type: The FAT type, or `nil` to choose by cluster count.
    ///   - unixTime: The timestamp of all entries (default 1980-01-01 00:00:00 UTC).
    public init(
        volumeLabel: String = "", volumeID: UInt32, sizeBytes: Int64? = nil, type: FATType? = nil,
        unixTime: Int64 = 315_532_800
    ) {
        self.volumeLabel = volumeLabel
        self.volumeID = volumeID
        self.sizeBytes = sizeBytes
        self.type = type
        self.unixTime = unixTime
    }

    /// Adds a directory (and any missing parents).
    /// - Throws: ``DiskFormatsError/layout(reason:)`` naming `path` if a component is not a valid FAT name or a
    ///   file already has that path.
    public mutating func addDirectory(_ path: String) throws(DiskFormatsError) {
        try add(path, .directory)
    }

    /// Adds a file with the given bytes (and any missing parent directories).
    /// - Throws: ``DiskFormatsError/layout(reason:)`` naming `path` for an invalid name, a path already used,
    ///   or a file of 4 GiB or more.
    public mutating func addFile(_ path: String, contents: [UInt8]) throws(DiskFormatsError) {
        try add(path, .bytes(contents))
    }

    /// Replaces the contents of the file already at `path` (matched without regard to case, as FAT does), or adds it.
    /// - Throws: ``DiskFormatsError/layout(reason:)`` as ``addFile(_:contents:)``, or if `path` is a directory.
    public mutating func replaceFile(_ path: String, contents: [UInt8]) throws(DiskFormatsError) {
        let key = try Self.components(of: path).joined(separator: "/")
        if let existing = foldedKeys[key.uppercased()], let content = nodes[existing] {
            guard content != .directory else { throw .layout(reason: "\(path): a directory, not a file") }
            guard contents.count <= Int(UInt32.max) else {
                throw .layout(reason: "\(path): \(contents.count) bytes; a FAT file holds at most 4 GiB - 1")
            }
            nodes[existing] = .bytes(contents)
            return
        }
        try addFile(path, contents: contents)
    }

    /// Adds a file whose data is copied from `hostPath` when the image is written; its size is taken now.
    /// - Throws: ``DiskFormatsError/layout(reason:)`` as ``addFile(_:contents:)``; ``IOError`` if `hostPath`
    ///   can't be opened.
    public mutating func addFile(_ path: String, hostPath: String) throws {
        let size = try ImageReader(path: hostPath).size
        try add(path, .host(path: hostPath, size: size))
    }

    private mutating func add(_ path: String, _ content: Content) throws(DiskFormatsError) {
        let components = try Self.components(of: path)
        guard !components.isEmpty else {
            if content == .directory { return }
            throw .layout(reason: "\(path): a file needs a name")
        }
        guard content.size <= Int64(UInt32.max) else {
            throw .layout(reason: "\(path): \(content.size) bytes; a FAT file holds at most 4 GiB - 1")
        }
        for depth in 0..<components.count {
            let key = components[0...depth].joined(separator: "/")
            let isLast = depth == components.count - 1
            if let existing = nodes[key] {
                guard existing == .directory else { throw .layout(reason: "\(path): \(key) is already a file") }
                guard !isLast || content == .directory else { throw .layout(reason: "\(path): already a directory") }
                continue
            }
            // Parents match exactly here, so folding the whole key compares the last names.
            if let clash = foldedKeys[key.uppercased()] {
                throw .layout(reason: "\(path): FAT names ignore case, and \(clash) is already there")
            }
            nodes[key] = isLast ? content : .directory
            foldedKeys[key.uppercased()] = key
        }
    }

    /// The components of `path`, each checked against the FAT long name rules (fatgen103 §7).
    static func components(of path: String) throws(DiskFormatsError) -> [String] {
        let components = path.split(separator: "/").map(String.init)
        for name in components {
            guard name != ".", name != ".." else { throw .layout(reason: "\(path): \(name) is not a file name") }
            if let bad = name.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || "\"*:<>?\\|".unicodeScalars.contains($0) }) {
                throw .layout(reason: "\(path): U+\(String(bad.value, radix: 16, uppercase: true)) is not allowed in FAT names")
            }
            guard name.last != ".", name.last != " " else {
                throw .layout(reason: "\(path): a FAT name can't end in a period or space")
            }
            guard name.utf16.count <= 255 else {
                throw .layout(reason: "\(path): \(name.utf16.count) UTF-16 units; FAT long names hold at most 255")
            }
        }
        return components
    }

    static func parent(of key: String) -> String {
        guard let slash = key.lastIndex(of: "/") else { return key.isEmpty ? "/" : "" }
        return String(key[..<slash])
    }

    /// The label as the 11 bytes of the boot sector.
    func labelBytes() throws(DiskFormatsError) -> [UInt8]? {
        let label = volumeLabel.uppercased()
        guard !label.isEmpty else { return nil }
        let raw = Array(label.utf8)
        guard raw.count <= 11, raw.allSatisfy({ $0 == 0x20 || FATShortName.isShortNameCharacter($0) }) else {
            throw .layout(reason: "volume label \(volumeLabel): up to 11 of A–Z, 0–9, space and $%'-_@~`!(){}^#&")
        }
        return raw + Array(repeating: 0x20, count: 11 - raw.count)
    }

    /// Writes the image to `path` atomically.
    /// - Throws: ``DiskFormatsError/layout(reason:)`` if the contents don't fit the size or type;
    ///   ``IOError`` or ``DecodeError`` if writing or reading a host file fails.
    public func write(to path: String) throws {
        let layout = try FATLayout(self)
        try AtomicFile.write(to: path) { descriptor, temporary in
            try layout.write(to: descriptor, path: temporary)
        }
    }
}
