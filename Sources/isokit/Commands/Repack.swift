import ArgumentParser
import Foundation
import Remaster

/// `isokit repack`: write an image from a directory made by `isokit unpack`.
struct Repack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an image from a directory made by isokit unpack, with the original boot setup.",
        discussion: """
            Example: isokit repack work/ -o new.iso

            The root image is rebuilt from DIR/root/ only if it changed (paths, sizes, times, modes), with the \
            original compressor, owners and device nodes; otherwise the original is kept byte for byte. \
            SOURCE_DATE_EPOCH fixes the ISO 9660 time stamps.
            """)

    @Argument(help: ArgumentHelp("The directory isokit unpack wrote.", valueName: "dir"))
    var directory: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the new image here.", valueName: "path"))
    var output: String

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func run() async throws {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        let (directory, output) = (directory, output)
        let progress = Terminal.progress(label: "repack", quiet: global.quiet || format.json)
        let report = try await Failure.runBlocking {
            try Repacker.repack(directory: directory, to: output, sourceDateEpoch: epoch, progress: progress)
        }
        try Failure.run {
            if format.json { return try Terminal.json(report) }
            if !global.quiet {
                if let root = report.rebuiltRoot {
                    Terminal.error("rebuilt \(root) from \(directory)/root (\(report.rootChanges.count) paths changed)")
                }
                Terminal.error("wrote \(report.output): \(ByteCount.text(report.bytes)), \(report.bootEntries.count) boot entries")
                for line in report.notReplayed { Terminal.error("isokit: not carried over: \(line)") }
            }
        }
    }
}
