extension SyslinuxDocument {
    /// Inserts a copy of a label right after it, under a new name and `MENU LABEL`, without `MENU DEFAULT`, with
    /// `parameters` appended to its `APPEND` line (see ``appendParameters(_:to:)``); every other byte stays as it was.
    /// - Parameters:
    ///   - selector: The label to copy.
    ///   - title: The copy's `MENU LABEL` (added after its `LABEL` line if the original has none).
    ///   - name: The copy's `LABEL` name, e.g. `live-hvc0`.
    ///   - parameters: Words appended to the copy's kernel parameters.
    /// - Returns: The copy's position in ``labels``.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no label.
    @discardableResult
    public mutating func duplicateEntry(
        _ selector: BootEntrySelector, title: String, name: String, appending parameters: [String]
    ) throws(BootConfigError) -> Int {
        let position = try position(of: selector)
        let label = labels[position]
        guard let first = label.directives.first, let last = label.directives.last else {
            throw .noSuchEntry(selector, available: labels.count)
        }
        let start = first.lineRange.lowerBound
        var splices: [ByteSplice] = [ByteSplice(first.argumentRange, (first.argument.isEmpty ? " " : "") + name)]
        if let menuLabel = label.directives.last(where: { $0.keyword == "MENU LABEL" }) {
            splices.append(ByteSplice(menuLabel.argumentRange, (menuLabel.argument.isEmpty ? " " : "") + title))
        } else {
            let indentation = label.directives.dropFirst().first?.indentation ?? first.indentation
            let keyword = first.writtenKeyword.first?.isLowercase == true ? "menu label" : "MENU LABEL"
            splices.append(
                ByteSplice(
                    first.lineRange.upperBound..<first.lineRange.upperBound,
                    separatorIfUnterminated(first) + indentation + keyword + " " + title + lineEnd))
        }
        for directive in label.directives where directive.keyword == "MENU DEFAULT" {
            splices.append(ByteSplice(directive.lineRange, ""))
        }
        let end = last.lineRange.upperBound
        let shifted = splices.map { ByteSplice(($0.range.lowerBound - start)..<($0.range.upperBound - start), bytes: $0.replacement) }
        var copy = ByteSplice.apply(shifted, to: Array(bytes[start..<end]))
        if copy.last != 0x0A { copy += Array(lineEnd.utf8) }
        let separator: [UInt8] = bytes[..<end].last == 0x0A || end == 0 ? [] : Array(lineEnd.utf8)
        self = SyslinuxDocument(bytes: ByteSplice.apply([ByteSplice(end..<end, bytes: separator + copy)], to: bytes))
        try appendParameters(parameters, to: .index(position + 1))
        return position + 1
    }
}
