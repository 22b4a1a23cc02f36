/// One ISO in the served folder: its URL name, what it is and how (or why not) it netboots.
public struct NetbootImage: Hashable, Sendable, Codable {
    /// The name in URLs (`/iso/NAME/…`, `/iso/NAME.iso`): the file name without `.iso`, with anything but letters,
    /// digits, `.`, `_` and `-` replaced by `-`.
    public var name: String
    /// The file's name in the folder.
    public var file: String
    /// The file's size in bytes.
    public var size: Int64
    /// The file's modification time (Unix seconds).
    public var modificationTime: Int64
    /// How it boots over HTTP; `nil` if it doesn't.
    public var method: NetbootMethod?
    /// The live family's name (`isokit`, `debian-live`, `archiso`, `casper`), `nil` for other ISOs.
    public var family: String?
    /// The bootable entries, from its menus (or one memdisk entry).
    public var entries: [NetbootEntry]
    /// Why the image is not offered in the menu; `nil` when it is.
    public var notNetbootable: String?
    /// Problems met while reading its menus (a menu that doesn't parse, an entry whose kernel is missing).
    public var warnings: [String]
    /// The identity of the file the entries were read from.
    public var identity: FileIdentity

    /// Creates an image record.
    public init(
        name: String, file: String, size: Int64, modificationTime: Int64, method: NetbootMethod?, family: String?,
        entries: [NetbootEntry], notNetbootable: String?, warnings: [String], identity: FileIdentity
    ) {
        self.name = name
        self.file = file
        self.size = size
        self.modificationTime = modificationTime
        self.method = method
        self.family = family
        self.entries = entries
        self.notNetbootable = notNetbootable
        self.warnings = warnings
        self.identity = identity
    }

    /// The URL name for a file name: `.iso` dropped (any case), unsafe characters replaced by `-`, never empty and
    /// never starting with `.`.
    public static func urlName(for file: String) -> String {
        var stem = Substring(file)
        if stem.lowercased().hasSuffix(".iso") { stem = stem.dropLast(4) }
        var name = String(stem.unicodeScalars.map { scalar -> Character in
            let safe = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-"
            return safe ? Character(scalar) : "-"
        })
        if name.isEmpty || name.hasPrefix(".") { name = "iso" + name }
        return name
    }
}
