import ArgumentParser
import LiveSystem

/// `isokit kernel`: the kernels isokit builds live systems with.
struct Kernel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the kernel isokit uses when neither the root nor the host has one.",
        subcommands: [Fetch.self, Show.self])

    /// `isokit kernel fetch`.
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download Debian's cloud kernel with apt-get and extract it into isokit's cache.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var format: OutputOptions

        func run() async throws {
            let kernel = try await Failure.runAsync { try await KernelFetcher().fetch() }
            if format.json { return try Terminal.json(kernel) }
            if !global.quiet { Terminal.error("kernel \(kernel.release) in \(kernel.image)") }
        }
    }

    /// `isokit kernel show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the kernel a build would use (the root's, the host's or the cached one).")

        @Argument(help: ArgumentHelp("The root file system a build would use.", valueName: "root"))
        var root: String?

        @OptionGroup var format: OutputOptions

        func run() async throws {
            let kernel = try await Failure.runAsync { try KernelLocator(root: root).locate() }
            if format.json { return try Terminal.json(kernel) }
            print("\(kernel.release)\t\(kernel.origin.rawValue)\t\(kernel.image)\t\(kernel.modulesDirectory)")
        }
    }
}
