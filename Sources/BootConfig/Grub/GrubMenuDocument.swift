/// A GRUB menu file (`grub.cfg`, `loopback.cfg`) read for its menu, keeping every byte of the original so that
/// ``render()`` of an unedited document gives the file back unchanged (GRUB manual §6 "Configuration",
/// §6.3 "Shell-like scripting", §16.3 "menuentry", "submenu", §15.1 "default", "timeout").
///
/// ```swift
/// var menu = try GrubMenuDocument(text: grubCfg)
/// let entry = menu.defaultEntry()                  // kernel, initrds, parameters
/// try menu.appendParameters(["console=hvc0"])      // every linux line
/// try menu.setTimeout(seconds: 5)
/// let edited = menu.render()
/// ```
public struct GrubMenuDocument: Hashable, Sendable {
    /// The parsed script, with the bytes it was read from.
    public let script: GrubScript
    /// The top-level menu entries and submenus, in menu order.
    public let items: [GrubMenuItem]
    /// The value of the last top-level `set default=` (outside any entry or function), or `nil`.
    public let defaultValue: String?
    /// The value of the last top-level `set timeout=`, in seconds as written, or `nil`.
    public let timeoutValue: String?
    /// Files read by `source` and `configfile` commands anywhere in the script, as written.
    public let references: [String]
    /// Every `loopback` command of the script, in order, inside entries or not.
    public let loopbacks: [GrubLoopback]
    /// Values given to `root` outside entries (`set root=…`), in order.
    public let rootSettings: [String]
    /// Variables that boot paths, parameters, loopbacks and references refer to, by name, each once, in order.
    public let variables: [String]

    /// Reads a menu from its bytes.
    /// - Throws: The ``GrubScript/init(bytes:)`` errors, with the line and column of the fault.
    public init(bytes: [UInt8]) throws(BootConfigError) {
        let script = try GrubScript(bytes: bytes)
        self.script = script
        var items: [GrubMenuItem] = []
        var defaultValue: String?
        var timeoutValue: String?
        var references: [String] = []
        var loopbacks: [GrubLoopback] = []
        var roots: [String] = []
        var variables: [String] = []
        func note(_ names: [String]) {
            for name in names where !variables.contains(name) { variables.append(name) }
        }
        func walk(_ commands: [GrubCommand], topLevel: Bool) {
            for command in commands {
                switch command.name {
                case "menuentry" where command.block != nil, "submenu" where command.block != nil:
                    let item = GrubMenuItem(command)
                    if topLevel { items.append(item) }
                    note(item.variables)
                case "source", "configfile":
                    references += command.arguments
                    note(command.words.flatMap(\.variables))
                case "loopback":
                    if let loopback = GrubLoopback(command) { loopbacks.append(loopback) }
                    note(command.words.flatMap(\.variables))
                case "linux", "linuxefi", "linux16", "initrd", "initrdefi", "initrd16":
                    note(command.words.flatMap(\.variables))
                default:
                    if topLevel, let value = Self.assignment(of: "default", in: command) { defaultValue = value.value }
                    if topLevel, let value = Self.assignment(of: "timeout", in: command) { timeoutValue = value.value }
                    if topLevel, let value = Self.assignment(of: "root", in: command) { roots.append(value.value) }
                }
                if let block = command.block {
                    walk(block, topLevel: false)
                }
            }
        }
        walk(script.commands, topLevel: true)
        self.items = items
        self.defaultValue = defaultValue
        self.timeoutValue = timeoutValue
        self.references = references
        self.loopbacks = loopbacks
        self.rootSettings = roots
        self.variables = variables
    }

    /// Reads a menu from text.
    /// - Throws: As ``init(bytes:)``.
    public init(text: String) throws(BootConfigError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// The file's bytes: the original ones, or after edits the original ones with only the edited ranges changed.
    public var bytes: [UInt8] { script.bytes }

    /// The file as text; byte-identical to the input when nothing was edited and the input was UTF-8.
    public func render() -> String { String(decoding: script.bytes, as: UTF8.self) }

    /// Every `menuentry` in menu order, submenus flattened, with the path GRUB's `default` uses for it
    /// (`[1, 0]` is `1>0`).
    public var flattenedEntries: [(path: [Int], item: GrubMenuItem)] {
        func flatten(_ items: [GrubMenuItem], under path: [Int]) -> [(path: [Int], item: GrubMenuItem)] {
            items.enumerated().flatMap { index, item in
                item.isSubmenu ? flatten(item.children, under: path + [index]) : [(path + [index], item)]
            }
        }
        return flatten(items, under: [])
    }

    /// Every menu entry (submenus flattened) as the common summary, the default one marked. An entry that boots
    /// no Linux kernel (chainloader, kfreebsd …) has an empty `kernel`.
    public func bootEntries() -> [BootMenuEntry] {
        let entries = flattenedEntries
        let chosen = defaultIndex(in: entries)
        return entries.enumerated().map { index, entry in entry.item.summary(isDefault: index == chosen) }
    }

    /// The entry GRUB boots when the timeout passes: `set default` read as an index, a `>`-separated path, a
    /// title or an id; a value GRUB only knows at boot (`${saved_entry}`) or one that matches nothing gives the
    /// first entry, as GRUB does. `nil` if the menu has no entries.
    public func defaultEntry() -> BootMenuEntry? {
        let entries = flattenedEntries
        guard let chosen = defaultIndex(in: entries) else { return nil }
        return entries[chosen].item.summary(isDefault: true)
    }

    /// The position in `entries` of the default entry.
    func defaultIndex(in entries: [(path: [Int], item: GrubMenuItem)]) -> Int? {
        guard !entries.isEmpty else { return nil }
        guard let value = defaultValue, !value.contains("$") else { return 0 }
        var path: [Int] = []
        var level = items
        for part in value.split(separator: ">", omittingEmptySubsequences: false).map(String.init) {
            let index = Int(part).flatMap { level.indices.contains($0) ? $0 : nil }
                ?? level.firstIndex { $0.title == part || $0.id == part }
            guard let index else { return 0 }
            path.append(index)
            level = level[index].children
        }
        return entries.firstIndex { $0.path == path } ?? 0
    }

    /// The word of `command` that assigns `name` (`set name=value` or `name=value`), with the assigned value.
    static func assignment(of name: String, in command: GrubCommand) -> (word: GrubToken, value: String)? {
        let candidates = command.name == "set" ? Array(command.words.dropFirst().prefix(1)) : Array(command.words.prefix(1))
        guard command.words.count == (command.name == "set" ? 2 : 1), let word = candidates.first,
            word.text.hasPrefix(name + "=")
        else { return nil }
        return (word, String(word.text.dropFirst(name.count + 1)))
    }
}
