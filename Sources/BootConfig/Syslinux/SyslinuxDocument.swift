/// A syslinux/isolinux config file (`isolinux.cfg`, `syslinux.cfg`, `txt.cfg`, `live.cfg` …) read for its menu,
/// keeping every byte so that ``render()`` of an unedited document gives the file back unchanged (syslinux wiki
/// "Config": LABEL, KERNEL/LINUX, APPEND, INITRD, DEFAULT, TIMEOUT, PROMPT, ONTIMEOUT, INCLUDE, CONFIG, UI;
/// "Menu": MENU LABEL, MENU DEFAULT, MENU INCLUDE, MENU BEGIN/END).
///
/// Keywords are case-insensitive. `INCLUDE`d files are named in ``references`` but not read: parse each and
/// combine them as the caller needs.
///
/// ```swift
/// var menu = try SyslinuxDocument(text: isolinuxCfg)
/// try menu.appendParameters(["console=ttyS0"])
/// try menu.setTimeout(tenthsOfSecond: 50)
/// ```
public struct SyslinuxDocument: Hashable, Sendable {
    /// The file's bytes: the original ones, or after edits the original ones with only the edited ranges changed.
    public let bytes: [UInt8]
    /// Every directive, in file order.
    public let directives: [SyslinuxDirective]
    /// The labels, in file order (labels inside `MENU BEGIN` … `MENU END` included).
    public let labels: [SyslinuxLabel]
    /// The `DEFAULT` command line (a label name, or a module such as `vesamenu.c32` in old configs), or `nil`.
    public let defaultValue: String?
    /// The `TIMEOUT` in tenths of a second as written (0 waits for ever), or `nil`.
    public let timeoutValue: String?
    /// The `PROMPT` flag as written, or `nil`.
    public let promptValue: String?
    /// The `ONTIMEOUT` command line, or `nil`.
    public let onTimeoutValue: String?
    /// The `UI` module line (e.g. `vesamenu.c32`), or `nil`.
    public let userInterface: String?
    /// The `APPEND` before the first label, which labels without their own `APPEND` use; `nil` if absent.
    public let globalAppend: [String]?
    /// Files named by `INCLUDE`, `MENU INCLUDE` and top-level `CONFIG`, in order, as written.
    public let references: [String]

    /// Reads a config from its bytes; syslinux ignores what it doesn't know, and so does this reader.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let directives = SyslinuxDirective.directives(in: bytes)
        self.directives = directives
        let firstLabel = directives.firstIndex { $0.keyword == "LABEL" } ?? directives.endIndex
        let global = directives[..<firstLabel]
        func last(_ keyword: String) -> String? { global.last { $0.keyword == keyword }?.argument }
        defaultValue = last("DEFAULT")
        timeoutValue = last("TIMEOUT")
        promptValue = last("PROMPT")
        onTimeoutValue = directives.last { $0.keyword == "ONTIMEOUT" }?.argument
        userInterface = directives.last { $0.keyword == "UI" }?.argument
        let globalAppend = global.last { $0.keyword == "APPEND" }?.words
        self.globalAppend = globalAppend
        references = directives.enumerated().compactMap { index, directive in
            switch directive.keyword {
            case "INCLUDE", "MENU INCLUDE": directive.words.first
            case "CONFIG" where index < firstLabel: directive.words.first
            default: nil
            }
        }
        var labels: [SyslinuxLabel] = []
        var group: [SyslinuxDirective] = []
        for directive in directives[firstLabel...] {
            if ["LABEL", "MENU BEGIN", "MENU END"].contains(directive.keyword), !group.isEmpty {
                labels.append(SyslinuxLabel(group, globalAppend: globalAppend))
                group = []
            }
            if directive.keyword == "LABEL" || !group.isEmpty { group.append(directive) }
        }
        if !group.isEmpty { labels.append(SyslinuxLabel(group, globalAppend: globalAppend)) }
        self.labels = labels
    }

    /// Reads a config from text.
    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The file as text; byte-identical to the input when nothing was edited and the input was UTF-8.
    public func render() -> String { String(decoding: bytes, as: UTF8.self) }

    /// Every label as the common summary, the default one marked. A label that boots no Linux kernel (a
    /// `COM32` module, `LOCALBOOT`, a boot sector) has an empty `kernel`.
    public func bootEntries() -> [BootMenuEntry] {
        let chosen = defaultIndex()
        return labels.enumerated().map { index, label in label.summary(isDefault: index == chosen) }
    }

    /// The label booted when the timeout passes: the label `ONTIMEOUT` names, else the one with `MENU DEFAULT`,
    /// else the one `DEFAULT` names, else the first. `nil` if there are no labels.
    public func defaultEntry() -> BootMenuEntry? {
        defaultIndex().map { labels[$0].summary(isDefault: true) }
    }

    /// The position of the default label.
    func defaultIndex() -> Int? {
        guard !labels.isEmpty else { return nil }
        if let name = onTimeoutValue?.split(separator: " ").first, let index = labelIndex(String(name)) { return index }
        if let index = labels.firstIndex(where: \.isMenuDefault) { return index }
        if let name = defaultValue?.split(separator: " ").first, let index = labelIndex(String(name)) { return index }
        return 0
    }

    /// The position of the label called `name`: an exact match, else one that differs only in case.
    func labelIndex(_ name: String) -> Int? {
        labels.firstIndex { $0.name == name } ?? labels.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}
