/// Editors: each changes only the bytes it must and reads the result back. New lines copy the file's style: the
/// keyword case of its `LABEL` lines, the indentation of the neighbouring line, and CRLF line ends if it uses them.
extension SyslinuxDocument {
    /// Appends kernel parameters to the `APPEND` line of labels that boot Linux (see
    /// ``SyslinuxLabel/bootsLinux``). A label without its own `APPEND` gets one after its kernel line, holding the
    /// global `APPEND` words it used to inherit and then `parameters`.
    /// - Parameters:
    ///   - parameters: The words to append.
    ///   - selector: One label (by position among ``labels``, or by `MENU LABEL` or name), or `nil` for all.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no label.
    public mutating func appendParameters(
        _ parameters: [String], to selector: BootEntrySelector? = nil
    ) throws(BootConfigError) {
        guard !parameters.isEmpty else { return }
        let added = parameters.joined(separator: " ")
        var splices: [ByteSplice] = []
        for label in try targets(selector) where label.bootsLinux {
            if let append = label.directives.last(where: { $0.keyword == "APPEND" }) {
                if append.argument == "-" || append.argument.isEmpty {
                    splices.append(ByteSplice(append.argumentRange, (append.argument.isEmpty ? " " : "") + added))
                } else {
                    splices.append(ByteSplice(append.argumentRange.upperBound..<append.argumentRange.upperBound, " " + added))
                }
            } else if let kernelLine = label.directives.last(where: { SyslinuxLabel.kernelKeywords.contains($0.keyword) }) {
                let inherited = (globalAppend ?? []).filter { $0 != "-" }
                let keyword = kernelLine.writtenKeyword.first?.isLowercase == true ? "append" : "APPEND"
                splices.append(
                    ByteSplice(
                        kernelLine.lineRange.upperBound..<kernelLine.lineRange.upperBound,
                        separatorIfUnterminated(kernelLine) + kernelLine.indentation + keyword + " "
                            + (inherited + parameters).joined(separator: " ") + lineEnd))
            }
        }
        self = SyslinuxDocument(bytes: ByteSplice.apply(splices, to: bytes))
    }

    /// Removes kernel parameters from `APPEND` lines: of the selected label, or of every label and the global
    /// `APPEND` when `selector` is `nil`.
    /// - Parameters:
    ///   - word: An exact word (`quiet`), or a key ending in `=` (`console=`) to remove every `console=…` word.
    ///   - selector: One label, or `nil` for all.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no label.
    public mutating func removeParameter(_ word: String, from selector: BootEntrySelector? = nil) throws(BootConfigError) {
        var lines = try targets(selector).flatMap { $0.directives.filter { $0.keyword == "APPEND" } }
        if selector == nil {
            lines += directives.prefix { $0.keyword != "LABEL" }.filter { $0.keyword == "APPEND" }
        }
        var splices: [ByteSplice] = []
        for line in lines {
            let ranges = wordRanges(in: line.argumentRange)
            let kept = ranges.filter { range in
                let value = String(decoding: bytes[range], as: UTF8.self)
                return word.hasSuffix("=") ? !value.hasPrefix(word) : value != word
            }
            guard kept.count != ranges.count else { continue }
            // Each kept word keeps the white space written before it, except the first.
            var argument: [UInt8] = []
            for range in kept {
                let before = ranges.last { $0.upperBound <= range.lowerBound }?.upperBound
                if !argument.isEmpty, let before { argument += bytes[before..<range.lowerBound] }
                argument += bytes[range]
            }
            splices.append(ByteSplice(line.argumentRange, bytes: argument))
        }
        self = SyslinuxDocument(bytes: ByteSplice.apply(splices, to: bytes))
    }

    /// Makes a label the default. With a menu (a `UI` line, a `DEFAULT` that names a module such as
    /// `vesamenu.c32`, or any `MENU DEFAULT`), moves `MENU DEFAULT` to the label; otherwise edits `DEFAULT`, or
    /// inserts it as the first line. An `ONTIMEOUT` that names a label is pointed at the new one too.
    /// - Throws: ``BootConfigError/noSuchEntry(_:available:)`` if `selector` matches no label.
    public mutating func setDefault(_ selector: BootEntrySelector) throws(BootConfigError) {
        let label = labels[try position(of: selector)]
        var splices: [ByteSplice] = []
        let defaultNamesLabel = defaultValue.flatMap { $0.split(separator: " ").first }.map { labelIndex(String($0)) != nil }
        let usesMenu = userInterface != nil || defaultNamesLabel == false || labels.contains(where: \.isMenuDefault)
        if usesMenu {
            for old in directives where old.keyword == "MENU DEFAULT" { splices.append(ByteSplice(old.lineRange, "")) }
            if let labelLine = label.directives.first {
                let indentation = label.directives.dropFirst().first?.indentation ?? labelLine.indentation
                let keyword = labelLine.writtenKeyword.first?.isLowercase == true ? "menu default" : "MENU DEFAULT"
                splices.append(
                    ByteSplice(
                        labelLine.lineRange.upperBound..<labelLine.lineRange.upperBound,
                        separatorIfUnterminated(labelLine) + indentation + keyword + lineEnd))
            }
        } else {
            splices += setGlobal("DEFAULT", to: label.name)
        }
        if let onTimeout = directives.last(where: { $0.keyword == "ONTIMEOUT" }),
            let name = onTimeout.words.first, labelIndex(name) != nil
        {
            splices.append(ByteSplice(onTimeout.argumentRange, label.name))
        }
        self = SyslinuxDocument(bytes: ByteSplice.apply(splices, to: bytes))
    }

    /// Sets the global `TIMEOUT`, editing the existing line or inserting one as the first line.
    /// - Parameter tenthsOfSecond: Tenths of a second before the default boots; syslinux reads 0 as "wait for
    ///   ever" and accepts at most 35996.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` outside 0…35996.
    public mutating func setTimeout(tenthsOfSecond: Int) throws(BootConfigError) {
        guard (0...35996).contains(tenthsOfSecond) else {
            throw .invalidValue(
                field: "TIMEOUT", value: String(tenthsOfSecond), reason: "syslinux takes 0…35996 tenths of a second")
        }
        self = SyslinuxDocument(bytes: ByteSplice.apply(setGlobal("TIMEOUT", to: String(tenthsOfSecond)), to: bytes))
    }

    /// The position in ``labels`` that `selector` picks: an index, or a `MENU LABEL` (without `^` marks) or name.
    func position(of selector: BootEntrySelector) throws(BootConfigError) -> Int {
        let found: Int? =
            switch selector {
            case .index(let index): labels.indices.contains(index) ? index : nil
            case .title(let title):
                labels.firstIndex { $0.menuLabel.map { String($0.filter { $0 != "^" }) } == title } ?? labelIndex(title)
            }
        guard let found else { throw .noSuchEntry(selector, available: labels.count) }
        return found
    }

    /// The labels an editor works on.
    private func targets(_ selector: BootEntrySelector?) throws(BootConfigError) -> [SyslinuxLabel] {
        guard let selector else { return labels }
        return [labels[try position(of: selector)]]
    }

    /// Splices that set a global keyword: its existing argument before the first label, or a new first line.
    private func setGlobal(_ keyword: String, to value: String) -> [ByteSplice] {
        if let existing = directives.prefix(while: { $0.keyword != "LABEL" }).last(where: { $0.keyword == keyword }) {
            let separator = existing.argument.isEmpty ? " " : ""
            return [ByteSplice(existing.argumentRange, separator + value)]
        }
        let lower = labels.first?.directives.first?.writtenKeyword.first?.isLowercase == true
        return [ByteSplice(0..<0, (lower ? keyword.lowercased() : keyword) + " " + value + lineEnd)]
    }

    /// The byte ranges of the white-space separated words in `range`.
    private func wordRanges(in range: Range<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound, [.space, .tab].contains(bytes[index]) { index += 1 }
            let start = index
            while index < range.upperBound, ![.space, .tab].contains(bytes[index]) { index += 1 }
            if index > start { ranges.append(start..<index) }
        }
        return ranges
    }

    /// The file's line end: CRLF if its first line ends so, else LF.
    var lineEnd: String {
        guard let newline = bytes.firstIndex(of: .newline), newline > 0, bytes[newline - 1] == .carriageReturn else {
            return "\n"
        }
        return "\r\n"
    }

    /// A line end to put after `directive` before a new line, when it is the file's last line and has none.
    func separatorIfUnterminated(_ directive: SyslinuxDirective) -> String {
        directive.lineRange.upperBound == bytes.count && bytes.last != .newline ? lineEnd : ""
    }
}
