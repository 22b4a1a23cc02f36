/// An iPXE boot menu: titled items that each boot a kernel, a default chosen after a timeout, and the usual extras
/// ("boot from local disk", "iPXE shell").
///
/// ``script()`` renders it with `menu`/`item`/`choose` and one `goto` label per item; a failed boot prints a message
/// and comes back to the menu. Spec: ipxe.org/cmd/menu, /cmd/item, /cmd/choose, /cmd/sanboot.
public struct IPXEMenu: Hashable, Sendable {
    /// The menu's title.
    public var title: String
    /// Items in display order.
    public var items: [IPXEMenuItem]
    /// The label of the item chosen when the timeout passes; the first bootable item if `nil`.
    public var defaultLabel: String?
    /// Seconds before the default is booted; `0` waits forever.
    public var timeoutSeconds: Int
    /// Whether to offer "Boot from local disk" (`sanboot --no-describe --drive 0x80`, else `exit` to the firmware).
    public var localDisk: Bool
    /// Whether to offer the iPXE shell.
    public var shell: Bool

    /// Creates a menu.
    public init(
        title: String, items: [IPXEMenuItem], defaultLabel: String? = nil, timeoutSeconds: Int = 5,
        localDisk: Bool = true, shell: Bool = true
    ) {
        self.title = title
        self.items = items
        self.defaultLabel = defaultLabel
        self.timeoutSeconds = timeoutSeconds
        self.localDisk = localDisk
        self.shell = shell
    }

    /// Labels the menu itself uses; item labels must differ from these.
    public static let reservedLabels: Set<String> = ["start", "local", "shell", "failed", "isokit-local", "isokit-shell"]

    /// The menu as a script.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` for a bad or duplicate label, a default that
    ///   names no item, or a word iPXE would split.
    public func script() throws(BootConfigError) -> IPXEScript {
        var labels: Set<String> = []
        var bootable: [(label: String, title: String, target: IPXEBootTarget)] = []
        for case let .boot(label, title, target) in items {
            guard !Self.reservedLabels.contains(label), labels.insert(label).inserted else {
                throw .invalidValue(field: "iPXE menu label", value: label, reason: "used twice or reserved")
            }
            bootable.append((label, title, target))
        }
        let chosen = defaultLabel ?? bootable.first?.label ?? (localDisk ? "local" : "shell")
        guard labels.contains(chosen) || chosen == "local" || chosen == "shell" else {
            throw .invalidValue(field: "iPXE menu default", value: chosen, reason: "no item has this label")
        }
        var lines: [IPXELine] = [.label("start"), .command(IPXECommand("menu", text: title))]
        for item in items {
            switch item {
            case let .boot(label, title, _): lines.append(.command(IPXECommand("item", [label], text: title)))
            case let .gap(text): lines.append(.command(IPXECommand("item", ["--gap", "--"], text: text)))
            }
        }
        if localDisk || shell { lines.append(.command(IPXECommand("item", ["--gap", "--"]))) }
        if localDisk { lines.append(.command(IPXECommand("item", ["local"], text: "Boot from local disk"))) }
        if shell { lines.append(.command(IPXECommand("item", ["shell"], text: "iPXE shell"))) }
        var choose = ["--default", chosen]
        if timeoutSeconds > 0 { choose += ["--timeout", String(timeoutSeconds * 1000)] }
        lines.append(.command(IPXECommand("choose", choose + ["target"], orElse: "goto shell")))
        lines.append(.command(IPXECommand("goto", ["${target}"])))
        for (label, title, target) in bootable {
            lines += [.blank, .label(label), .command(IPXECommand("echo", text: "Booting " + title))]
            lines += target.commands(failure: "failed").map(IPXELine.command)
        }
        lines += [
            .blank, .label("local"),
            .command(IPXECommand("sanboot", ["--no-describe", "--drive", "0x80"], orElse: "exit")),
            .blank, .label("shell"),
            .command(IPXECommand("echo", text: "Type 'exit' to return to the menu")),
            .command(IPXECommand("shell")), .command(IPXECommand("goto", ["start"])),
            .blank, .label("failed"),
            .command(IPXECommand("echo", text: "Boot failed; press a key to return to the menu")),
            .command(IPXECommand("prompt")), .command(IPXECommand("goto", ["start"])),
        ]
        let script = IPXEScript(lines: lines)
        try script.validate(allowing: ["${target}"])
        return script
    }
}
