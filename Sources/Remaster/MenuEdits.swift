import BootConfig

/// Boot menu changes asked of a remaster, applied to every GRUB and syslinux menu of the image.
public struct MenuEdits: Hashable, Sendable {
    /// Kernel parameters appended to every Linux entry (`--append-cmdline`).
    public var append: [String]
    /// Parameters removed from every Linux entry: exact words, or `key=` for every `key=…` (`--remove-cmdline`).
    public var remove: [String]
    /// The entry booted by default (`--default-entry N|TITLE`).
    public var defaultEntry: BootEntrySelector?
    /// The menu timeout in seconds (`--timeout`).
    public var timeoutSeconds: Int?

    /// No changes.
    public init(append: [String] = [], remove: [String] = [], defaultEntry: BootEntrySelector? = nil, timeoutSeconds: Int? = nil) {
        self.append = append
        self.remove = remove
        self.defaultEntry = defaultEntry
        self.timeoutSeconds = timeoutSeconds
    }

    /// Whether there is anything to change.
    public var isEmpty: Bool { append.isEmpty && remove.isEmpty && defaultEntry == nil && timeoutSeconds == nil }

    /// `text` (a GRUB script) with the edits applied.
    /// - Throws: ``BootConfigError`` for a script that does not parse or an entry that is not there.
    func applied(toGrub text: [UInt8]) throws(BootConfigError) -> [UInt8] {
        var document = try GrubMenuDocument(bytes: text)
        for word in remove { try document.removeParameter(word) }
        try document.appendParameters(append)
        // A file without entries (one that only sources others) keeps its default and timeout.
        if !document.bootEntries().isEmpty {
            if let defaultEntry { try document.setDefault(defaultEntry) }
            if let timeoutSeconds { try document.setTimeout(seconds: timeoutSeconds) }
        }
        return Array(document.render().utf8)
    }

    /// `text` (a syslinux/isolinux config) with the edits applied.
    /// - Throws: ``BootConfigError`` for an entry that is not there.
    func applied(toSyslinux text: [UInt8]) throws(BootConfigError) -> [UInt8] {
        var document = SyslinuxDocument(bytes: text)
        for word in remove { try document.removeParameter(word) }
        try document.appendParameters(append)
        if !document.bootEntries().isEmpty {
            if let defaultEntry { try document.setDefault(defaultEntry) }
            if let timeoutSeconds { try document.setTimeout(tenthsOfSecond: timeoutSeconds * 10) }
        }
        return Array(document.render().utf8)
    }
}
