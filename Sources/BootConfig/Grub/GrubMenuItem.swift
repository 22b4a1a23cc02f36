/// A `menuentry` or `submenu` of a GRUB menu as read from a script (GRUB manual §16.3 "menuentry", "submenu").
public struct GrubMenuItem: Hashable, Sendable {
    /// The title shown in the menu.
    public var title: String
    /// The `--id` value (also written as `$menuentry_id_option 'id'`), or `nil`.
    public var id: String?
    /// The `--class` values, in order.
    public var classes: [String]
    /// Every word after `menuentry`/`submenu` except the title, as values (`--class`, `debian`, `--id`, …).
    public var options: [String]
    /// Whether this is a `submenu`, whose entries are in ``children``.
    public var isSubmenu: Bool
    /// A submenu's entries and submenus, in order.
    public var children: [GrubMenuItem]
    /// The last `linux`/`linuxefi`/`linux16` command of the entry, or `nil`.
    public var kernel: GrubBootCommand?
    /// The paths of every `initrd`/`initrdefi`/`initrd16` command, in load order.
    public var initrds: [String]
    /// The `multiboot2`/`multiboot` command (a hypervisor such as Xen), or `nil`.
    public var multiboot: GrubBootCommand?
    /// The `module2`/`module` commands, in order; under Xen the first is the dom0 kernel.
    public var modules: [GrubBootCommand]
    /// Values the entry gives `root` (`set root=…`, `search --set=root` is not tracked).
    public var roots: [String]
    /// The entry's `loopback` commands.
    public var loopbacks: [GrubLoopback]
    /// Variables the entry's boot paths and parameters refer to, by name, each once.
    public var variables: [String]
    /// The 1-based line of the `menuentry`/`submenu` command.
    public var line: Int

    /// The command whose parameters are the booted Linux kernel's: the `linux` command, or the first module
    /// after a `multiboot` command (Xen's dom0 kernel).
    var kernelCommands: [GrubCommand]

    /// Reads a `menuentry` or `submenu` command with its block.
    init(_ command: GrubCommand) {
        let words = Array(command.words.dropFirst())
        var title: String?
        var id: String?
        var classes: [String] = []
        var options: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            // `$menuentry_id_option` is how grub-mkconfig writes `--id` for GRUBs that know it.
            let option = word.variables == ["menuentry_id_option"] ? "--id" : word.text
            if Self.optionsWithValue.contains(option), index < words.count {
                let value = words[index].text
                options += [word.text, value]
                index += 1
                switch option {
                case "--class": classes.append(value)
                case "--id": id = value
                default: break
                }
            } else if word.text.hasPrefix("--") || title != nil {
                options.append(word.text)
            } else {
                title = word.text
            }
        }
        self.title = title ?? ""
        self.id = id
        self.classes = classes
        self.options = options
        self.isSubmenu = command.name == "submenu"
        self.line = command.line
        children = []
        kernel = nil
        initrds = []
        multiboot = nil
        modules = []
        roots = []
        loopbacks = []
        variables = []
        var linuxCommands: [GrubCommand] = []
        var moduleCommands: [GrubCommand] = []
        kernelCommands = []
        read(command.block ?? [], linux: &linuxCommands, modules: &moduleCommands)
        kernelCommands = linuxCommands.isEmpty && multiboot != nil ? Array(moduleCommands.prefix(1)) : linuxCommands
    }

    /// Collects the boot commands of a body; nested menu entries become ``children``.
    private mutating func read(
        _ body: [GrubCommand], linux linuxCommands: inout [GrubCommand], modules moduleCommands: inout [GrubCommand]
    ) {
        for command in body {
            switch command.name {
            case "menuentry", "submenu":
                if command.block != nil { children.append(GrubMenuItem(command)) }
                continue
            case "linux", "linuxefi", "linux16":
                kernel = GrubBootCommand(command)
                linuxCommands.append(command)
            case "initrd", "initrdefi", "initrd16":
                initrds += command.arguments.filter { !$0.hasPrefix("--") }
            case "multiboot2", "multiboot":
                multiboot = GrubBootCommand(command)
            case "module2", "module":
                if let module = GrubBootCommand(command) {
                    modules.append(module)
                    moduleCommands.append(command)
                }
            case "loopback":
                if let loopback = GrubLoopback(command) { loopbacks.append(loopback) }
            default:
                if let value = GrubMenuDocument.assignment(of: "root", in: command) { roots.append(value.value) }
            }
            if Self.bootCommands.contains(command.name) {
                for name in command.words.flatMap(\.variables) where !variables.contains(name) { variables.append(name) }
            }
            if let block = command.block, command.name != "function" {
                read(block, linux: &linuxCommands, modules: &moduleCommands)
            }
        }
    }

    /// Options of `menuentry` and `submenu` that take the next word as their value.
    static let optionsWithValue: Set<String> = ["--class", "--id", "--users", "--hotkey"]

    /// Commands whose paths and parameters make up what an entry boots.
    private static let bootCommands: Set<String> = [
        "linux", "linuxefi", "linux16", "initrd", "initrdefi", "initrd16", "multiboot2", "multiboot", "module2", "module",
        "loopback",
    ]

    /// The entry as the common summary; a submenu has no summary of its own.
    func summary(isDefault: Bool) -> BootMenuEntry {
        if let multiboot, kernel == nil, let dom0 = modules.first {
            return BootMenuEntry(
                title: title, id: id, kernel: dom0.path, initrds: modules.dropFirst().map(\.path),
                parameters: dom0.parameters, hypervisor: multiboot.path, isDefault: isDefault)
        }
        return BootMenuEntry(
            title: title, id: id, kernel: kernel?.path ?? "", initrds: initrds, parameters: kernel?.parameters ?? [],
            isDefault: isDefault)
    }
}
