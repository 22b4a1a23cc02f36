import ArgumentParser
import Foundation
import BootConfig
import Remaster

/// `isokit remaster`: patch an image's tree and write it again with its boot setup.
struct RemasterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remaster",
        abstract: "Write a changed copy of an ISO image that keeps its El Torito entries and hybrid layout.",
        discussion: """
            Example: isokit remaster in.iso -o out.iso --patch rootpatch/ --delete /boot/grub/fonts

            The input is read, never changed; no mount and no root are needed. SOURCE_DATE_EPOCH makes the output \
            bit-identical.
            """)

    @Argument(help: ArgumentHelp("The image to remaster.", valueName: "image"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the new image here.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Copy this directory's contents over the image's tree; repeatable.", valueName: "dir"))
    var patch: [String] = []

    @Option(help: ArgumentHelp(
        "Copy this directory's contents over the live root file system (isokit, archiso, Debian live, casper); repeatable.",
        valueName: "dir"))
    var patchRoot: [String] = []

    @Flag(help: "Start a login on the Xen console hvc0 in the live root, and add a \"(Xen console hvc0)\" boot entry.")
    var hvc0 = false

    @Option(help: ArgumentHelp("Set root's password in the live root to this crypt(3) hash (mkpasswd -m yescrypt).", valueName: "hash"))
    var rootPassword: String?

    @Option(help: ArgumentHelp("Like --root-password, with the hash on the first line of this file.", valueName: "file"))
    var rootPasswordFile: String?

    @Option(help: ArgumentHelp("Add this directory as a new top squashfs layer (isokit images); repeatable.", valueName: "dir"))
    var addLayer: [String] = []

    @Option(help: ArgumentHelp("Leave this absolute path out of the image; repeatable.", valueName: "path"))
    var delete: [String] = []

    @Option(help: ArgumentHelp("Kernel parameters appended to every boot entry (GRUB and syslinux menus, also in the ESP).", valueName: "params"))
    var appendCmdline: String?

    @Option(help: ArgumentHelp("A kernel parameter removed from every entry: a word, or KEY= for every KEY=…; repeatable.", valueName: "word"))
    var removeCmdline: [String] = []

    @Option(help: ArgumentHelp("The entry booted by default: its position from 0, or its title.", valueName: "N|title"))
    var defaultEntry: String?

    @Option(help: ArgumentHelp("Seconds the boot menus wait.", valueName: "seconds"))
    var timeout: Int?

    @Option(help: ArgumentHelp("A new volume id.", valueName: "id"))
    var volid: String?

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    mutating func validate() throws {
        if let rootPasswordFile {
            guard rootPassword == nil else { throw ValidationError("--root-password and --root-password-file exclude each other") }
            guard let text = try? String(contentsOfFile: rootPasswordFile, encoding: .utf8) else {
                throw ValidationError("--root-password-file \(rootPasswordFile): cannot be read as text")
            }
            rootPassword = text.split(separator: "\n", omittingEmptySubsequences: false)[0].trimmingCharacters(in: .whitespaces)
        }
        do { try rootPassword.map(RootEdits.validatePasswordHash) } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        var options = RemasterOptions(input: input, output: output)
        options.patches = patch
        options.rootLayers = addLayer
        options.rootEdits = RootEdits(patchDirectories: patchRoot, hvc0: hvc0, rootPasswordHash: rootPassword)
        options.deletions = delete
        options.volumeID = volid
        options.menuEdits = MenuEdits(
            append: appendCmdline.map { $0.split(separator: " ").map(String.init) } ?? [], remove: removeCmdline,
            defaultEntry: defaultEntry.map { Int($0).map(BootEntrySelector.index) ?? .title($0) }, timeoutSeconds: timeout)
        options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        let progress = Terminal.progress(label: "remaster", quiet: global.quiet || format.json)
        let report = try await Failure.runBlocking { [options] in try Remasterer.remaster(options, progress: progress) }
        try Failure.run {
            if format.json { return try Terminal.json(report) }
            if !global.quiet {
                Terminal.error("wrote \(report.output): \(ByteCount.text(report.bytes)), \(report.bootEntries.count) boot "
                    + "entries, \(report.patched.count) patched, \(report.deleted.count) deleted")
                for line in report.notReplayed { Terminal.error("isokit: not carried over: \(line)") }
            }
        }
    }
}
