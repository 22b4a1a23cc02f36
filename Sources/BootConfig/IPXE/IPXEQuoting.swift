/// Makes text safe to place in an iPXE script line.
///
/// iPXE splits a command line on blanks and expands `${name}` settings before it runs a command; commands such as
/// `menu`, `item`, `echo` and `kernel` join their trailing words back together with single spaces. Quotes and
/// backslashes are plain characters, and a word starting with `#` begins a comment (checked with the 2019 iPXE of
/// QEMU's option ROMs). So a title or a kernel parameter stays what it was as long as it holds no line break, no
/// `${` and no word starting with `#`. Titles may hold any blanks (they are collapsed); tokens (labels, URLs, option
/// values) must be single words.
public enum IPXEQuoting {
    /// `text` as the free-form tail of a command (a menu title, item text, echo text): control characters become
    /// spaces, runs of blanks collapse to one, `${` becomes `$ {` so iPXE does not expand a setting, and a `#` that
    /// starts a word becomes `no.` so the rest is not taken as a comment (`Disc #1` → `Disc no.1`).
    public static func text(_ text: String) -> String {
        var collapsed = ""
        var blank = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == " " {
                blank = true
                continue
            }
            let wordStart = blank || collapsed.isEmpty
            if blank && !collapsed.isEmpty { collapsed.append(" ") }
            blank = false
            if wordStart && scalar == "#" {
                collapsed += "no."
            } else {
                collapsed.unicodeScalars.append(scalar)
            }
        }
        return collapsed.replacingDollarBrace()
    }

    /// Whether `word` can be written as one token: not empty, no blanks or control characters, no `${`, not
    /// starting with `#`.
    public static func isWord(_ word: String) -> Bool {
        !word.isEmpty && !word.contains("${") && !word.hasPrefix("#")
            && !word.unicodeScalars.contains { $0 == " " || $0.properties.generalCategory == .control }
    }

    /// Whether `label` can name a `goto` target and a menu item: letters, digits, `-`, `_` and `.`, starting with a
    /// letter or digit.
    public static func isLabel(_ label: String) -> Bool {
        guard let first = label.unicodeScalars.first, isLabelScalar(first), first != "-", first != "_", first != "."
        else { return false }
        return label.unicodeScalars.allSatisfy(isLabelScalar)
    }

    static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "_" || scalar == "."
    }
}

extension String {
    fileprivate func replacingDollarBrace() -> String {
        var result = ""
        var previousDollar = false
        for character in self {
            if previousDollar && character == "{" { result.append(" ") }
            result.append(character)
            previousDollar = character == "$"
        }
        return result
    }
}
