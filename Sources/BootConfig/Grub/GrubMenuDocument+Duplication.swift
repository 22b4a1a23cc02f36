extension GrubMenuDocument {
    /// Inserts a copy of a `menuentry` right after it, under a new title (and id, if the entry has one), with
    /// `parameters` appended to the copy's kernel lines; the original and every other byte stay as they were.
    ///
    /// The copy keeps the original's indentation. Entries after it move down one place, so an index-based
    /// `default` that named one of them now names the entry before it; the original keeps its place.
    /// - Parameters:
    ///   - selector: The entry to copy (submenus flattened, as ``flattenedEntries``).
    ///   - title: The copy's title, e.g. `"Debian Live (Xen console hvc0)"`.
    ///   - id: The copy's `--id` if the original has one; `nil` uses the original's with `-copy` added.
    ///   - parameters: Words appended to the copy's `linux` line (or Xen dom0 `module2` line).
    /// - Returns: The copy's position in ``flattenedEntries``.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no entry.
    @discardableResult
    public mutating func duplicateEntry(
        _ selector: BootEntrySelector, title: String, id: String? = nil, appending parameters: [String]
    ) throws(BootConfigError) -> Int {
        let entries = flattenedEntries
        let position = try Self.position(of: selector, in: entries)
        guard let command = Self.command(at: entries[position].path, in: script.commands),
            let start = command.range?.lowerBound, let end = blockEnd(of: command)
        else { throw .noSuchEntry(selector, available: entries.count) }

        var splices: [ByteSplice] = []
        var index = 1
        var seenTitle = false
        while index < command.words.count {
            let word = command.words[index]
            index += 1
            let option = word.variables == ["menuentry_id_option"] ? "--id" : word.text
            if GrubMenuItem.optionsWithValue.contains(option), index < command.words.count {
                let value = command.words[index]
                if option == "--id" { splices.append(ByteSplice(value.range, GrubQuoting.word(id ?? value.text + "-copy"))) }
                index += 1
            } else if !word.text.hasPrefix("--"), !seenTitle {
                seenTitle = true
                splices.append(ByteSplice(word.range, GrubQuoting.word(title)))
            }
        }
        let shifted = splices.map { ByteSplice(($0.range.lowerBound - start)..<($0.range.upperBound - start), bytes: $0.replacement) }
        let copy = ByteSplice.apply(shifted, to: Array(bytes[start..<end]))
        let lineStart = bytes[..<start].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let indentation = bytes[lineStart..<start].allSatisfy { $0 == 0x20 || $0 == 0x09 } ? Array(bytes[lineStart..<start]) : []
        self = try GrubMenuDocument(bytes: ByteSplice.apply([ByteSplice(end..<end, bytes: [0x0A] + indentation + copy)], to: bytes))
        try appendParameters(parameters, to: .index(position + 1))
        return position + 1
    }

    /// The `menuentry` command at a flattened-entry path (submenu steps, then the entry).
    private static func command(at path: [Int], in commands: [GrubCommand]) -> GrubCommand? {
        var level = menuCommands(in: commands, nested: false)
        var found: GrubCommand?
        for step in path {
            guard level.indices.contains(step) else { return nil }
            found = level[step]
            level = menuCommands(in: level[step].block ?? [], nested: true)
        }
        return found
    }

    /// The `menuentry`/`submenu` commands of a body in menu order, as ``GrubMenuItem`` reads them: at the top level
    /// only direct ones, inside a submenu also those in nested blocks other than functions.
    private static func menuCommands(in commands: [GrubCommand], nested: Bool) -> [GrubCommand] {
        var found: [GrubCommand] = []
        for command in commands {
            if ["menuentry", "submenu"].contains(command.name), command.block != nil {
                found.append(command)
            } else if nested, let block = command.block, command.name != "function" {
                found += menuCommands(in: block, nested: true)
            }
        }
        return found
    }

    /// The byte after the `}` that closes `command`'s block.
    private func blockEnd(of command: GrubCommand) -> Int? {
        guard let first = command.words.first,
            let startToken = script.tokens.firstIndex(where: { $0.range.lowerBound == first.range.lowerBound })
        else { return nil }
        var depth = 0
        for token in script.tokens[startToken...] {
            switch token.kind {
            case .openBrace: depth += 1
            case .closeBrace:
                depth -= 1
                if depth == 0 { return token.range.upperBound }
            default: continue
            }
        }
        return nil
    }
}
