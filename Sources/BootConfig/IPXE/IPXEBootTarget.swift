/// A Linux kernel to fetch and boot from iPXE: its URL, its initrds' URLs and its command line.
public struct IPXEBootTarget: Hashable, Sendable, Codable {
    /// Where iPXE fetches the kernel (`http://…/vmlinuz`), or `memdisk`'s URL for an ISO booted whole.
    public var kernel: String
    /// Initial ramdisks in load order.
    public var initrds: [String]
    /// Kernel parameters, one word each.
    public var parameters: [String]

    /// Creates a boot target.
    public init(kernel: String, initrds: [String], parameters: [String]) {
        self.kernel = kernel
        self.initrds = initrds
        self.parameters = parameters
    }

    /// The commands that boot it: `kernel URL initrd=NAME… PARAMETERS`, one `initrd --name NAME URL` per ramdisk,
    /// then `boot`, going to `failure` if any of them fails.
    ///
    /// Each ramdisk gets a name (`initrd0`, `initrd1` …) and the kernel gets an `initrd=NAME` word for each, which
    /// the EFI stub needs to find them; a BIOS bzImage boot ignores those words and takes every loaded initrd.
    public func commands(failure: String) -> [IPXECommand] {
        let names = initrds.indices.map { "initrd\($0)" }
        var commands = [
            IPXECommand("kernel", [kernel] + names.map { "initrd=" + $0 } + parameters, orElse: "goto " + failure)
        ]
        for (name, url) in zip(names, initrds) {
            commands.append(IPXECommand("initrd", ["--name", name, url], orElse: "goto " + failure))
        }
        commands.append(IPXECommand("boot", orElse: "goto " + failure))
        return commands
    }
}
