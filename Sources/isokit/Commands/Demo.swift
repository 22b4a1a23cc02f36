import ArgumentParser
import Foundation
import LiveSystem
import QEMU

/// `isokit demo`: build the rescue default into the cache and boot it in QEMU.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the rescue default into isokit's cache and boot it in QEMU, showing the console.",
        discussion: """
            Example: scripts/setup && swift run isokit demo --firmware uefi --as disk
            Stops when the rescue system prints `isokit rescue ready`, with the build and boot times.
            """)

    @OptionGroup var machine: MachineOptions

    @Option(help: ArgumentHelp("Seconds to wait for the rescue shell.", valueName: "seconds"))
    var timeout = 120

    @OptionGroup var global: GlobalOptions

    /// What the rescue system prints when its shells are up.
    static let readyMarker = "isokit rescue ready"

    func run() async throws {
        let cache = IsokitCache()
        let image = cache.root + "/demo/rescue\(machine.arch == .x86_64 ? "" : "-" + machine.arch.rawValue).iso"
        var options = LiveBuildOptions(root: .rescue, output: image)
        options.architectures = [machine.arch == .aarch64 ? .aarch64 : .x86_64]
        options.menuTimeout = 1
        options.volumeID = "ISOKIT_DEMO"
        // OVMF with Secure Boot starts only signed loaders: build the image the way --secure-boot does.
        if machine.firmware == .uefiSecureBoot { options.secureBoot = SecureBootOptions() }
        _ = try await Build.build(options, quiet: global.quiet)
        let profile = machine.profile(image, memoryMiB: 1024)
        let result = try await Failure.runAsync {
            try await ConsoleProbe.run(
                profile, expect: .text(Self.readyMarker), timeout: .seconds(timeout), log: nil,
                echo: global.quiet ? nil : Run.show)
        }
        let elapsed = String(format: "%.1f", result.elapsedSeconds)
        guard case .matched = result.outcome else {
            Terminal.error("isokit: the rescue system did not come up within \(timeout) s; last console lines:\n"
                + result.consoleTail)
            throw ExitCode(124)
        }
        Terminal.error("isokit: booted \(image) (\(machine.firmware.rawValue), \(machine.attachment.rawValue)) to the rescue shell in \(elapsed) s")
    }
}
