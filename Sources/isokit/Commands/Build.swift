import ArgumentParser
import Compression
import Foundation
import LiveSystem
import SquashFS

extension SquashFSCompressor: ExpressibleByArgument {}
extension CompressionFormat: ExpressibleByArgument {}

/// `isokit build`: a hybrid live ISO from the rescue default or a root directory.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a live ISO (BIOS and UEFI, CD and USB) from a root directory, or the rescue default.",
        discussion: """
            Example: isokit build rootfs/ -o live.iso --layer extra/ --cmdline-extra 'quiet'
            Example: isokit build -o rescue.iso --add /usr/bin/rsync --add /usr/sbin/dropbear
            Example: isokit build --arch x86_64,aarch64 -o both.iso

            Without an input it builds the rescue default: busybox, the kernel's modules and a shell on every console. \
            The kernel comes from --kernel, else the root's /boot, else the host's /boot, else isokit's cache \
            (`isokit kernel fetch`). SOURCE_DATE_EPOCH makes the output bit-identical.
            """)

    @Argument(help: ArgumentHelp(
        "The root file system (a directory or a tar archive, e.g. from docker export) or a recipe (FILE.toml); none for the rescue default.", valueName: "input"))
    var input: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the image here.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("A directory packed as a layer above the root; repeatable, lowest first.", valueName: "dir"))
    var layer: [String] = []

    @Option(help: ArgumentHelp("The kernel image (vmlinuz).", valueName: "path"))
    var kernel: String?

    @Option(help: ArgumentHelp("The kernel's modules directory (/lib/modules/RELEASE).", valueName: "dir"))
    var modules: String?

    @Option(help: ArgumentHelp("A static busybox for the initramfs and the rescue root.", valueName: "path"))
    var busybox: String?

    @Option(help: ArgumentHelp("Volume id, also the label the init looks for (A-Z, 0-9, _).", valueName: "id"))
    var volid: String?

    @Option(help: ArgumentHelp("Layer compressor: zstd (default), xz, gzip or lz4.", valueName: "name"))
    var compression: SquashFSCompressor?

    @Option(help: ArgumentHelp("Initramfs compressor: zstd (default), gzip, xz or lz4.", valueName: "name"))
    var initramfsCompression: CompressionFormat?

    @Flag(help: "Record every file as owned by root (rootless builds of a user's own tree do this by default).")
    var allRoot = false

    @Option(help: ArgumentHelp("Record files of user id FROM as owned by TO; repeatable.", valueName: "FROM:TO"))
    var mapUid: [String] = []

    @Option(help: ArgumentHelp("Record files of group id FROM as of group TO; repeatable.", valueName: "FROM:TO"))
    var mapGid: [String] = []

    @Option(help: ArgumentHelp(
        "A host program added with its interpreter and every shared library it needs (read from its ELF headers); repeatable.",
        valueName: "path"))
    var add: [String] = []

    @Option(help: ArgumentHelp("Kernel parameters added to every boot entry.", valueName: "params"))
    var cmdlineExtra: String?

    @Option(help: ArgumentHelp("Seconds the boot menu waits (default 5).", valueName: "seconds"))
    var timeout: Int?

    @Option(help: ArgumentHelp(
        "The architectures the image boots on: x86_64 (default), aarch64 (UEFI only; arm64 packages through apt multiarch) or both, comma-separated.",
        valueName: "list"))
    var arch: String?

    @Option(name: .customLong("init"), help: ArgumentHelp("The program started in the live root (default /sbin/init).", valueName: "path"))
    var initPath: String?

    @OptionGroup var xen: BuildXenOptions
    @OptionGroup var secureBoot: BuildSecureBootOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func run() async throws {
        var options = try await Failure.runAsync { try baseOptions() }
        options.layers += layer
        options.programs += add
        options.kernel = kernel ?? options.kernel
        options.modules = modules ?? options.modules
        options.busybox = busybox ?? options.busybox
        options.volumeID = volid ?? options.volumeID
        options.layerCompression = compression ?? options.layerCompression
        options.initramfsCompression = initramfsCompression ?? options.initramfsCompression
        options.cmdlineExtra += cmdlineExtra.map { $0.split(separator: " ").map(String.init) } ?? []
        options.menuTimeout = timeout ?? options.menuTimeout
        options.rootInit = initPath ?? options.rootInit
        if let arch { options.architectures = try await Failure.runAsync { try LiveArchitecture.list(arch) } }
        xen.apply(to: &options)
        secureBoot.apply(to: &options)
        if allRoot || !mapUid.isEmpty || !mapGid.isEmpty {
            options.ownership = try await Failure.runAsync {
                try LiveOwnership.parse(allRoot: allRoot, users: mapUid, groups: mapGid)
            }
        }
        options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        let report = try await Build.build(options, quiet: global.quiet || format.json)
        if format.json { return try Terminal.json(report) }
    }

    /// The options a recipe gives, or those for a root directory or the rescue default.
    func baseOptions() throws -> LiveBuildOptions {
        guard let input else { return LiveBuildOptions(root: .rescue, output: output) }
        if input.hasSuffix(".toml") { return try LiveRecipe.load(input).options(recipePath: input, output: output) }
        return LiveBuildOptions(root: .path(input), output: output)
    }

    /// Prints one line for a build step on stderr.
    @Sendable static func show(_ step: LiveBuildStep) { Terminal.error("build: " + BuildStepText.line(step)) }

    /// Runs the build, showing each step on stderr unless quiet.
    static func build(_ options: LiveBuildOptions, quiet: Bool) async throws -> LiveBuildReport {
        let start = ContinuousClock.now
        let step: (@Sendable (LiveBuildStep) -> Void)? = quiet ? nil : Self.show
        let progress = LabelledProgress.observer(quiet: quiet)
        let report = try await Failure.runAsync {
            try await LiveBuilder.build(options, step: step, progress: progress)
        }
        if !quiet {
            let elapsed = (ContinuousClock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            Terminal.error(
                "wrote \(report.output): \(ByteCount.text(report.bytes)), \(report.layers.count) layers, kernel "
                    + "\(report.kernel.release), in \(String(format: "%.1f", seconds)) s")
            for file in report.addedFiles {
                Terminal.error("added \(file.role.rawValue) \(file.targetPath) (from \(file.hostPath))")
            }
        }
        return report
    }
}
