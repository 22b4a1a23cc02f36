/// The text edits behind `--hvc0`: a getty line for `/etc/inittab` in the file's own style, and `hvc0` in
/// `/etc/securetty` (inittab(5); busybox `examples/inittab`; securetty(5)).
enum ConsoleLogin {
    /// The Xen console device.
    static let device = "hvc0"
    /// Where systemd looks for the console login link, and what the link points at.
    static let systemdLink = "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service"
    static let systemdUnit = "/lib/systemd/system/serial-getty@.service"

    /// `inittab` with a getty on hvc0 after its last getty line (or at the end), or `nil` if a line already
    /// names hvc0. Busybox files (empty runlevels: `tty1::respawn:/sbin/getty 38400 tty1`) get
    /// `hvc0::respawn:…`; sysvinit ones (`1:2345:respawn:/sbin/getty 38400 tty1`) get `hvc0:2345:respawn:…`. The
    /// command is the last getty line's with its terminal replaced by hvc0, else `/sbin/getty 38400 hvc0`.
    static func inittab(adding text: [UInt8]) -> [UInt8]? {
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let entries = lines.enumerated().compactMap { index, line -> (index: Int, fields: [String])? in
            let trimmed = line.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            let fields = trimmed.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            return fields.count == 4 ? (index, fields) : nil
        }
        if entries.contains(where: { $0.fields[0] == device || words($0.fields[3]).contains(device) }) { return nil }
        let gettys = entries.filter { $0.fields[2] == "respawn" && $0.fields[3].contains("getty") }
        let busybox = gettys.last.map { $0.fields[1].isEmpty } ?? entries.contains { $0.fields[1].isEmpty }
        var command = "/sbin/getty 38400 " + device
        if let last = gettys.last {
            var parts = words(last.fields[3])
            if let tty = parts.lastIndex(where: { $0.hasPrefix("tty") || $0 == "console" }) {
                parts[tty] = device
                command = parts.joined(separator: " ")
            }
        }
        let runlevels = busybox ? "" : (gettys.last?.fields[1] ?? "2345")
        let line = "\(device):\(runlevels):respawn:\(command)"
        var result = lines
        if let after = gettys.last?.index {
            result.insert(line, at: after + 1)
        } else if result.last == "" {
            result.insert(line, at: result.count - 1)
        } else {
            result.append(line)
        }
        var joined = result.joined(separator: "\n")
        if !joined.hasSuffix("\n") { joined += "\n" }
        return Array(joined.utf8)
    }

    /// `securetty` with `hvc0` added as its last line, or `nil` if it lists it already.
    static func securetty(adding text: [UInt8]) -> [UInt8]? {
        let lines = text.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self).trimmed(of: " \t\r") }
        guard !lines.contains(device) else { return nil }
        return text + (text.isEmpty || text.last == 0x0A ? [] : [0x0A]) + Array((device + "\n").utf8)
    }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    fileprivate func trimmed(of set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }),
            let end = lastIndex(where: { !characters.contains($0) })
        else { return "" }
        return String(self[start...end])
    }
}
