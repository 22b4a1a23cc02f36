import ArgumentParser
import Foundation
import QEMU

/// `isokit run`: boot an image in QEMU and watch its serial console.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot an image in QEMU (TCG) and wait for a pattern on its serial console.",
        discussion: """
            Example: isokit run live.iso --firmware uefi --as disk --expect 'login:' --timeout 60 --log boot.log
            Exits 0 when the pattern appears (printing how long it took).
            Exits 124 with the last console lines when the timeout passes first.
            Without --expect it runs until the machine powers off or the timeout passes.
            """)

    @Argument(help: ArgumentHelp("The image to boot.", valueName: "image"))
    var image: String

    @OptionGroup var machine: MachineOptions

    @Option(help: ArgumentHelp("A regular expression to wait for on the serial console.", valueName: "regex"))
    var expect: String?

    @Option(help: ArgumentHelp("Seconds to wait.", valueName: "seconds"))
    var timeout: Int = 120

    @Option(help: ArgumentHelp("Write the raw console output to this file.", valueName: "file"))
    var log: String?

    @Option(help: ArgumentHelp("Guest memory.", valueName: "MiB"))
    var memory: Int = 1024

    @Option(help: ArgumentHelp("Boot this kernel directly (QEMU -kernel), with the image still attached.", valueName: "path"))
    var kernel: String?

    @Option(help: ArgumentHelp("The initramfs for --kernel.", valueName: "path"))
    var initrd: String?

    @Option(help: ArgumentHelp("The kernel command line for --kernel.", valueName: "params"))
    var append: String?

    @OptionGroup var global: GlobalOptions

    /// Copies raw console output to standard output as it arrives.
    @Sendable static func show(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive.") }
        guard memory >= 64 else { throw ValidationError("--memory must be at least 64 MiB.") }
        if kernel == nil, initrd != nil || append != nil {
            throw ValidationError("--initrd and --append need --kernel.")
        }
        if let expect {
            do {
                try ConsolePattern.regex(expect).validate()
            } catch {
                throw ValidationError("--expect: \(error)")
            }
        }
    }

    func run() async throws {
        let profile = machine.profile(image, memoryMiB: memory, kernel: kernel, initrd: initrd, append: append)
        let echo: (@Sendable ([UInt8]) -> Void)? = global.quiet ? nil : Self.show
        let pattern: ConsolePattern = expect.map { ConsolePattern.regex($0) } ?? .never
        let seconds = Duration.seconds(timeout)
        let logPath = log
        let result = try await Failure.runAsync {
            try await ConsoleProbe.run(profile, expect: pattern, timeout: seconds, log: logPath, echo: echo)
        }
        let elapsed = String(format: "%.1f", result.elapsedSeconds)
        switch result.outcome {
        case .matched:
            Terminal.error("isokit: matched \(String(reflecting: expect ?? "")) after \(elapsed) s")
        case .emulatorExited:
            Terminal.error("isokit: the machine stopped after \(elapsed) s")
            if expect != nil { throw ExitCode(1) }
        case .timedOut:
            let lines = result.consoleTail.split(separator: "\n", omittingEmptySubsequences: false).suffix(20)
            Terminal.error("isokit: no match within \(timeout) s; last console lines:\n" + lines.joined(separator: "\n"))
            throw ExitCode(124)
        }
    }
}
