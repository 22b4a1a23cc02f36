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
    /// Whether to add, after each menu's default entry, a copy of it titled "<title> (Xen console hvc0)" that boots
    /// with `console=hvc0` (`--hvc0`); a menu that already has that entry is left alone.
    public var xenConsoleEntries: Bool

    /// No changes.
    public init(
        append: [String] = [], remove: [String] = [], defaultEntry: BootEntrySelector? = nil, timeoutSeconds: Int? = nil,
        xenConsoleEntries: Bool = false
    ) {
        self.append = append
        self.remove = remove
        self.defaultEntry = defaultEntry
        self.timeoutSeconds = timeoutSeconds
        self.xenConsoleEntries = xenConsoleEntries
    }

    /// Whether there is anything to change.
    public var isEmpty: Bool {
        append.isEmpty && remove.isEmpty && defaultEntry == nil && timeoutSeconds == nil && !xenConsoleEntries
    }

    /// What the Xen console copy of an entry adds to its title.
    static let xenConsoleTitleSuffix = " (Xen console hvc0)"
    /// The kernel parameter the Xen console copy boots with.
    static let xenConsoleParameter = "console=hvc0"

    /// The default entry, if it boots Linux and has no Xen console copy yet, and the copy's title.
    private func xenConsoleCopy(of entries: [BootMenuEntry]) -> (index: Int, title: String)? {
        guard xenConsoleEntries, let index = entries.firstIndex(where: \.isDefault), !entries[index].kernel.isEmpty else {
            return nil
        }
        let title = entries[index].title + Self.xenConsoleTitleSuffix
        guard !entries.contains(where: { $0.title == title }) else { return nil }
        return (index, title)
    }

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
        if let copy = xenConsoleCopy(of: document.bootEntries()) {
            let id = document.bootEntries()[copy.index].id.map { $0 + "-hvc0" }
            try document.duplicateEntry(.index(copy.index), title: copy.title, id: id, appending: [Self.xenConsoleParameter])
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
        if let copy = xenConsoleCopy(of: document.bootEntries()) {
            let name = (document.bootEntries()[copy.index].id ?? "entry") + "-hvc0"
            try document.duplicateEntry(.index(copy.index), title: copy.title, name: name, appending: [Self.xenConsoleParameter])
        }
        return Array(document.render().utf8)
    }
}
