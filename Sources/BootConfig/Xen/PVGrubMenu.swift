/// A legacy GRUB `menu.lst` as PV-GRUB (Xen's GRUB Legacy port, `pv-grub-x86_64.gz`) reads it: global `default`
/// and `timeout`, then `title` blocks with `root`, `kernel` and `initrd`.
public struct PVGrubMenu: Hashable, Sendable, Codable {
    /// The entry booted after the timeout, from 0; `nil` means GRUB's default (the first).
    public var defaultIndex: Int?
    /// Seconds before the default boots; `nil` waits forever.
    public var timeoutSeconds: Int?
    /// The entries in menu order.
    public var entries: [PVGrubMenuEntry]
    /// Debian's `update-grub` (grub-legacy) defaults, written as the `# kopt=` comment: the parameters it gives
    /// kernels it adds later. With ``grubRoot``, the entries go between the automagic list markers it rewrites.
    public var kernelOptions: String?
    /// The `# groot=` comment: the `root` device `update-grub` writes into entries it adds, `(hd0,0)`.
    public var grubRoot: String?

    /// The markers between which Debian's `update-grub` replaces the kernel entries.
    static let automagicBegin = "### BEGIN AUTOMAGIC KERNELS LIST"
    static let automagicEnd = "### END DEBIAN AUTOMAGIC KERNELS LIST"
    static let defaultOptionsEnd = "## ## End Default Options ##"

    /// Creates a menu.
    public init(
        defaultIndex: Int? = 0, timeoutSeconds: Int? = 5, entries: [PVGrubMenuEntry], kernelOptions: String? = nil,
        grubRoot: String? = nil
    ) {
        self.defaultIndex = defaultIndex
        self.timeoutSeconds = timeoutSeconds
        self.entries = entries
        self.kernelOptions = kernelOptions
        self.grubRoot = grubRoot
    }

    /// Reads menu.lst text. Blank lines and `#` comments are skipped; commands PV-GRUB menus use but isokit does not
    /// model (`hiddenmenu`, `fallback`, `color`, `savedefault`, `boot`) are accepted and dropped.
    /// - Throws: ``XenConfigError/unknownMenuCommand(command:line:)``,
    ///   ``XenConfigError/commandOutsideEntry(command:line:)``, or
    ///   ``XenConfigError/invalidValue(key:value:reason:)`` for a `default`/`timeout` that is not a number or an
    ///   entry without a kernel.
    ///
    /// Spec: GRUB Legacy manual §5.1 "The configuration file", §13.
    public init(text: String) throws(XenConfigError) {
        defaultIndex = nil
        timeoutSeconds = nil
        entries = []
        kernelOptions = nil
        grubRoot = nil
        var current: PVGrubMenuEntry?
        var currentLine = 0
        func finish() throws(XenConfigError) {
            guard let entry = current else { return }
            guard !entry.kernel.isEmpty else {
                throw .invalidValue(key: "title", value: entry.title, reason: "entry at line \(currentLine) has no kernel")
            }
            entries.append(entry)
            current = nil
        }
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let trimmed = raw.trimmed(of: " \t\r")
            if trimmed.hasPrefix("# kopt=") { kernelOptions = String(trimmed.dropFirst("# kopt=".count)) }
            if trimmed.hasPrefix("# groot=") { grubRoot = String(trimmed.dropFirst("# groot=".count)) }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let command = String(trimmed.prefix { $0 != " " && $0 != "\t" && $0 != "=" })
            let argument = trimmed.dropFirst(command.count).trimmed(of: " \t=")
            let words = argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch command {
            case "title":
                try finish()
                current = PVGrubMenuEntry(title: argument, root: "", kernel: "", parameters: [], initrd: nil)
                currentLine = lineNumber
            case "default", "timeout":
                guard let value = Int(argument), value >= 0 else {
                    throw .invalidValue(key: command, value: argument, reason: "must be a number (line \(lineNumber))")
                }
                if command == "default" { defaultIndex = value } else { timeoutSeconds = value }
            case "root", "kernel", "initrd":
                guard current != nil else { throw .commandOutsideEntry(command: command, line: lineNumber) }
                if command == "root" { current?.root = argument }
                if command == "initrd" { current?.initrd = words.first }
                if command == "kernel" {
                    current?.kernel = words.first ?? ""
                    current?.parameters = Array(words.dropFirst())
                }
            case "hiddenmenu", "fallback", "color", "savedefault", "boot":
                continue
            default:
                throw .unknownMenuCommand(command: command, line: lineNumber)
            }
        }
        try finish()
    }

    /// The menu as menu.lst text: `default` and `timeout` lines, then a blank line and one block per entry; with
    /// ``kernelOptions`` or ``grubRoot``, the entries sit inside Debian's automagic kernel list after the `kopt` and
    /// `groot` comments.
    public func render() -> String {
        var text = ""
        if let defaultIndex { text += "default \(defaultIndex)\n" }
        if let timeoutSeconds { text += "timeout \(timeoutSeconds)\n" }
        let automagic = kernelOptions != nil || grubRoot != nil
        if automagic {
            text += "\n\(Self.automagicBegin)\n## update-grub (grub-legacy) rewrites the entries up to the END marker\n"
            if let kernelOptions { text += "# kopt=\(kernelOptions)\n" }
            if let grubRoot { text += "# groot=\(grubRoot)\n" }
            text += "\(Self.defaultOptionsEnd)\n"
        }
        for entry in entries {
            text += "\ntitle \(entry.title)\n"
            text += "\troot \(entry.root)\n"
            text += "\tkernel " + ([entry.kernel] + entry.parameters).joined(separator: " ") + "\n"
            if let initrd = entry.initrd { text += "\tinitrd \(initrd)\n" }
        }
        if automagic { text += "\n\(Self.automagicEnd)\n" }
        return text
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }),
            let end = lastIndex(where: { !characters.contains($0) })
        else { return "" }
        return String(self[start...end])
    }
}
