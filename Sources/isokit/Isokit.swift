import ArgumentParser

/// The isokit command line: inspect, extract, create and boot live images.
@main
struct Isokit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isokit",
        abstract: "Inspect, extract, create and boot Linux live images.",
        version: "0.1.0",
        subcommands: [
            Inspect.self, Ls.self, Extract.self, Create.self, Build.self, RemasterCommand.self, Unpack.self, Repack.self,
            Write.self, Run.self, Demo.self, Kernel.self, XenCommand.self, Netboot.self,
        ])
}
