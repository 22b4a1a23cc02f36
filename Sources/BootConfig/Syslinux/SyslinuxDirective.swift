/// One directive line of a syslinux/isolinux config: a case-insensitive keyword and its argument (syslinux wiki
/// "Config", "Menu"). `MENU` directives take their second word into the keyword (`MENU LABEL`).
public struct SyslinuxDirective: Hashable, Sendable {
    /// The keyword in upper case: `LABEL`, `KERNEL`, `APPEND`, `MENU LABEL`, `MENU DEFAULT` …
    public var keyword: String
    /// The keyword as written in the file (`label`, `Menu Label`).
    public var writtenKeyword: String
    /// The rest of the line after the keyword, without surrounding white space.
    public var argument: String
    /// The 1-based line number.
    public var line: Int
    /// The argument's bytes in the file (empty, at the end of the keyword, when there is no argument).
    public var argumentRange: Range<Int>
    /// The line's bytes, including its newline if it has one.
    public var lineRange: Range<Int>
    /// The white space before the keyword, as written.
    public var indentation: String

    /// Creates a directive.
    public init(
        keyword: String, writtenKeyword: String, argument: String, line: Int, argumentRange: Range<Int>,
        lineRange: Range<Int>, indentation: String
    ) {
        self.keyword = keyword
        self.writtenKeyword = writtenKeyword
        self.argument = argument
        self.line = line
        self.argumentRange = argumentRange
        self.lineRange = lineRange
        self.indentation = indentation
    }

    /// The argument split at white space.
    public var words: [String] { argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }

    /// Reads every directive of a config; blank lines, `#` comments and `TEXT HELP` … `ENDTEXT` text are skipped.
    static func directives(in bytes: [UInt8]) -> [SyslinuxDirective] {
        var directives: [SyslinuxDirective] = []
        var inHelpText = false
        var start = 0
        var line = 1
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: .newline)
            let end = newline ?? bytes.count
            let lineRange = start..<(newline.map { $0 + 1 } ?? end)
            defer {
                start = lineRange.upperBound
                line += 1
            }
            let words = Self.words(in: bytes, start..<end)
            guard let first = words.first else { continue }
            let keyword = String(decoding: bytes[first], as: UTF8.self).uppercased()
            if inHelpText {
                if keyword == "ENDTEXT" { inHelpText = false }
                continue
            }
            if keyword.hasPrefix("#") { continue }
            var keywordRange = first
            var name = keyword
            if keyword == "MENU" || keyword == "TEXT", words.count > 1 {
                keywordRange = first.lowerBound..<words[1].upperBound
                name += " " + String(decoding: bytes[words[1]], as: UTF8.self).uppercased()
            }
            if name == "TEXT HELP" {
                inHelpText = true
                continue
            }
            var argumentStart = keywordRange.upperBound
            while argumentStart < end, [.space, .tab].contains(bytes[argumentStart]) { argumentStart += 1 }
            var argumentEnd = end
            while argumentEnd > argumentStart, [.space, .tab, .carriageReturn].contains(bytes[argumentEnd - 1]) {
                argumentEnd -= 1
            }
            let argumentRange =
                argumentStart < argumentEnd ? argumentStart..<argumentEnd : keywordRange.upperBound..<keywordRange.upperBound
            directives.append(
                SyslinuxDirective(
                    keyword: name, writtenKeyword: String(decoding: bytes[keywordRange], as: UTF8.self),
                    argument: String(decoding: bytes[argumentRange], as: UTF8.self), line: line,
                    argumentRange: argumentRange, lineRange: lineRange,
                    indentation: String(decoding: bytes[start..<first.lowerBound], as: UTF8.self)))
        }
        return directives
    }

    /// The byte ranges of the white-space separated words in `range`.
    private static func words(in bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound, [.space, .tab, .carriageReturn].contains(bytes[index]) { index += 1 }
            let wordStart = index
            while index < range.upperBound, ![.space, .tab, .carriageReturn].contains(bytes[index]) { index += 1 }
            if index > wordStart { words.append(wordStart..<index) }
        }
        return words
    }
}
