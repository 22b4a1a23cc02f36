/// Editors: each changes only the bytes it must and reads the result back, so the model stays true to the bytes.
extension GrubMenuDocument {
    /// Appends kernel parameters to the end of `linux`/`linuxefi`/`linux16` lines (and of the dom0 `module2` line
    /// of Xen entries that have no `linux` line), each word quoted for GRUB where needed.
    /// - Parameters:
    ///   - parameters: The words to append, e.g. `["console=hvc0"]`.
    ///   - selector: One entry, or `nil` for every such line of the file (also those outside menu entries).
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no entry.
    public mutating func appendParameters(
        _ parameters: [String], to selector: BootEntrySelector? = nil
    ) throws(BootConfigError) {
        guard !parameters.isEmpty else { return }
        let text = parameters.map(GrubQuoting.word).map { " " + $0 }.joined()
        let splices = try kernelCommands(selector).compactMap(\.range).map { ByteSplice($0.upperBound..<$0.upperBound, text) }
        try apply(splices)
    }

    /// Removes kernel parameters from the lines ``appendParameters(_:to:)`` edits, with the white space before each.
    /// - Parameters:
    ///   - word: An exact word (`quiet`), or a key ending in `=` (`console=`) to remove every `console=…` word.
    ///   - selector: One entry, or `nil` for every such line.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no entry.
    public mutating func removeParameter(_ word: String, from selector: BootEntrySelector? = nil) throws(BootConfigError) {
        var splices: [ByteSplice] = []
        for command in try kernelCommands(selector) {
            guard let boot = GrubBootCommand(command) else { continue }
            let firstParameter = 1 + boot.options.count + 1
            for index in command.words.indices.dropFirst(firstParameter) {
                let value = command.words[index].text
                guard word.hasSuffix("=") ? value.hasPrefix(word) : value == word else { continue }
                let removed = command.words[index - 1].range.upperBound..<command.words[index].range.upperBound
                splices.append(ByteSplice(removed, ""))
            }
        }
        try apply(splices)
    }

    /// Makes an entry the default: edits the value of every top-level `set default=` whose value is written
    /// literally (or of every one, if all refer to variables such as `${saved_entry}`), or inserts
    /// `set default=…` as the first line when there is none.
    ///
    /// An index is written as GRUB's path (`1>0` inside a submenu); a title of a top-level entry as the title,
    /// unless it holds `>`, which GRUB would read as a submenu step.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no entry.
    public mutating func setDefault(_ selector: BootEntrySelector) throws(BootConfigError) {
        let entries = flattenedEntries
        let position = try Self.position(of: selector, in: entries)
        let path = entries[position].path
        let value: String =
            if case .title(let title) = selector, path.count == 1, !title.contains(">") { title } else {
                path.map(String.init).joined(separator: ">")
            }
        try setTopLevel("default", to: value)
    }

    /// Sets the menu's timeout: edits top-level `set timeout=` as ``setDefault(_:)`` edits `default`, or inserts
    /// `set timeout=…` as the first line.
    /// - Parameter seconds: Seconds before the default entry boots; 0 boots it at once, -1 waits for a key.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for a value below -1.
    public mutating func setTimeout(seconds: Int) throws(BootConfigError) {
        guard seconds >= -1 else {
            throw .invalidValue(field: "timeout", value: String(seconds), reason: "GRUB takes -1 (wait) or more seconds")
        }
        try setTopLevel("timeout", to: String(seconds))
    }

    /// The position in `entries` that `selector` picks.
    static func position(
        of selector: BootEntrySelector, in entries: [(path: [Int], item: GrubMenuItem)]
    ) throws(BootConfigError) -> Int {
        let found: Int? =
            switch selector {
            case .index(let index): entries.indices.contains(index) ? index : nil
            case .title(let title): entries.firstIndex { $0.item.title == title || $0.item.id == title }
            }
        guard let found else { throw .noSuchEntry(selector, available: entries.count) }
        return found
    }

    /// The commands whose words are kernel parameters, for one entry or for the whole file.
    private func kernelCommands(_ selector: BootEntrySelector?) throws(BootConfigError) -> [GrubCommand] {
        if let selector {
            let entries = flattenedEntries
            return entries[try Self.position(of: selector, in: entries)].item.kernelCommands
        }
        var commands: [GrubCommand] = []
        func walk(_ list: [GrubCommand]) {
            for command in list {
                if ["linux", "linuxefi", "linux16"].contains(command.name) { commands.append(command) }
                if let block = command.block { walk(block) }
            }
        }
        walk(script.commands)
        func addModules(_ items: [GrubMenuItem]) {
            for item in items {
                commands += item.kernelCommands.filter { !commands.contains($0) }
                addModules(item.children)
            }
        }
        addModules(items)
        return commands
    }

    /// Sets `name` at the top level, editing existing assignments or inserting one at the start.
    private mutating func setTopLevel(_ name: String, to value: String) throws(BootConfigError) {
        let assignments = script.commands.compactMap { Self.assignment(of: name, in: $0)?.word }
        let literal = assignments.filter(\.variables.isEmpty)
        let text = name + "=" + GrubQuoting.word(value)
        if assignments.isEmpty {
            try apply([ByteSplice(0..<0, "set " + text + "\n")])
        } else {
            try apply((literal.isEmpty ? assignments : literal).map { ByteSplice($0.range, text) })
        }
    }

    /// Applies `splices` to the bytes and reads the result back into `self`.
    private mutating func apply(_ splices: [ByteSplice]) throws(BootConfigError) {
        guard !splices.isEmpty else { return }
        self = try GrubMenuDocument(bytes: ByteSplice.apply(splices, to: bytes))
    }
}
