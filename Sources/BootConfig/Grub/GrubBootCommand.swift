/// A command of a menu entry that loads something to boot: `linux`/`linuxefi`/`linux16`, `multiboot2`/`multiboot`,
/// `module2`/`module` (GRUB manual §16.3 "linux", "linux16", "multiboot", "module").
public struct GrubBootCommand: Hashable, Sendable, Codable {
    /// The command as written: `linux`, `linuxefi`, `linux16`, `multiboot2`, `module2` …
    public var command: String
    /// The loaded file's path, as written (variables such as `${isofile}` kept).
    public var path: String
    /// The words after the path: kernel parameters, or for a module, its command line.
    public var parameters: [String]
    /// Options before the path, such as `--nounzip`.
    public var options: [String]
    /// Variables the path and parameters refer to, by name.
    public var variables: [String]
    /// The 1-based line of the command.
    public var line: Int

    /// Creates a boot command.
    public init(
        command: String, path: String, parameters: [String], options: [String] = [], variables: [String] = [], line: Int
    ) {
        self.command = command
        self.path = path
        self.parameters = parameters
        self.options = options
        self.variables = variables
        self.line = line
    }

    /// Reads `command` as a boot command: options (words starting `--`) up to the path, then parameters.
    /// Returns `nil` when it names no path.
    init?(_ command: GrubCommand) {
        let words = Array(command.words.dropFirst())
        guard let pathIndex = words.firstIndex(where: { !$0.text.hasPrefix("--") }) else { return nil }
        self.init(
            command: command.name, path: words[pathIndex].text, parameters: words[(pathIndex + 1)...].map(\.text),
            options: words[..<pathIndex].map(\.text), variables: words.flatMap(\.variables), line: command.line)
    }
}
