import ArgumentParser
import LiveSystem

extension KernelFlavour: ExpressibleByArgument {}

/// `isokit kernel`: the kernels isokit builds live systems with.
struct Kernel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the kernel isokit uses when neither the root nor the host has one.",
        subcommands: [Fetch.self, Show.self])

    /// `isokit kernel fetch`.
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a Debian kernel (the cloud one unless --flavour) with apt-get and extract it into isokit's cache.",
            discussion: "Example: isokit kernel fetch --flavour generic   # the kernel a Xen live CD's dom0 runs")

        @Option(help: ArgumentHelp(
            "cloud (default; a Xen guest but never dom0) or generic (linux-image-amd64, can be Xen's dom0).",
            valueName: "flavour"))
        var flavour: KernelFlavour = .cloud

        @Option(help: ArgumentHelp(
            "x86_64 (default) or aarch64 (arm64 packages through apt multiarch).", valueName: "arch"))
        var arch: String = "x86_64"

        @OptionGroup var global: GlobalOptions
        @OptionGroup var format: OutputOptions

        func run() async throws {
            let kernel = try await Failure.runAsync {
                let architecture = try LiveArchitecture.list(arch)
                guard architecture.count == 1 else { throw LiveBuildError.invalidOption("--arch: give one architecture") }
                return try await KernelFetcher(flavour: flavour, architecture: architecture[0]).fetch()
            }
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
