import BinaryIO
import ISO9660

/// `ls -l` style lines for image entries.
enum ListingText {
    /// `drwxr-xr-x   2 0 0      2048 2024-01-31 12:00 name -> target`.
    static func long(_ entry: ISOEntry, name: String) -> String {
        let links = entry.links.map(String.init) ?? "1"
        let owner = entry.uid.map(String.init) ?? "-"
        let group = entry.gid.map(String.init) ?? "-"
        let size = entry.device.map { "\($0.major), \($0.minor)" } ?? String(entry.size)
        let date = entry.modificationTime.map(minuteText) ?? "-"
        var line = "\(modeString(entry)) \(pad(links, 3)) \(pad(owner, 5)) \(pad(group, 5)) \(pad(size, 12)) \(date) \(name)"
        if let target = entry.symlinkTarget { line += " -> \(target)" }
        return line
    }

    /// `2024-01-31 12:00` from the ISO 8601 text, by slicing (Foundation's string search is slow per line).
    private static func minuteText(_ unixTime: Int64) -> String {
        let text = Array(CivilTime.iso8601(unixTime).utf8)
        return String(decoding: text[0..<10] + [UInt8(ascii: " ")] + text[11..<16], as: UTF8.self)
    }

    static func modeString(_ entry: ISOEntry) -> String {
        let type: Character = switch entry.kind {
        case .directory: "d"
        case .symlink: "l"
        case .characterDevice: "c"
        case .blockDevice: "b"
        case .fifo: "p"
        case .socket: "s"
        case .regular: "-"
        }
        let mode = entry.mode
        var text = String(type)
        for (shift, special, specialChar) in [(6, UInt32(0o4000), Character("s")), (3, 0o2000, "s"), (0, 0o1000, "t")] {
            let bits = (mode >> UInt32(shift)) & 7
            text.append(bits & 4 != 0 ? "r" : "-")
            text.append(bits & 2 != 0 ? "w" : "-")
            let execute = bits & 1 != 0
            if mode & special != 0 {
                text.append(execute ? specialChar : Character(specialChar.uppercased()))
            } else {
                text.append(execute ? "x" : "-")
            }
        }
        return text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
