import ArgumentParser
import DiskWrite

/// `isokit write`: put an image on a block device or into a disk-image file.
struct Write: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an image onto a block device or into a disk-image file, optionally with persistence.",
        discussion: """
            Example: isokit write live.iso /dev/sdb --force --verify
                     isokit write live.iso disk.img --size 4G

            A block device is refused while it, one of its partitions or a device on it is mounted, or while it \
            holds /; it is opened exclusively, written, synced and its partition table re-read. A file is written \
            to a temporary name and renamed. --size grows a file and adds an ext4 partition labelled \
            isokit-persist after the image, which isokit's live initramfs uses for persistence on its own. \
            An existing target is only overwritten with --force.
            """)

    @Argument(help: ArgumentHelp("The image to write.", valueName: "image"))
    var image: String

    @Argument(help: ArgumentHelp("A block device or a disk-image file.", valueName: "target"))
    var target: String

    @Flag(help: "Read the target back and compare its SHA-256 with the image's.")
    var verify = false

    @Option(help: ArgumentHelp("Grow a disk-image file to this size (e.g. 4G, 512M) with a persistence partition.", valueName: "size"))
    var size: String?

    @Option(help: ArgumentHelp("Label of the persistence partition.", valueName: "label"))
    var persistenceLabel = DiskWriteOptions.defaultPersistenceLabel

    @Flag(help: "Overwrite an existing file or a block device.")
    var force = false

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if let size, ByteSize.parse(size) == nil {
            throw ValidationError("--size \(size): expected bytes or a number with K, M, G or T (e.g. 4G)")
        }
    }

    func run() async throws {
        let options = DiskWriteOptions(
            image: image, target: target, verify: verify, size: size.flatMap(ByteSize.parse),
            persistenceLabel: persistenceLabel, force: force)
        let report = try await Failure.runAsync {
            try await DiskWriter.write(options, progress: LabelledProgress.observer(quiet: global.quiet || format.json))
        }
        if format.json { return try Terminal.json(report) }
        guard !global.quiet else { return }
        let rate = report.copySeconds > 0 ? " (\(ByteCount.text(Int64(Double(report.imageBytes) / report.copySeconds)))/s)" : ""
        Terminal.error("wrote \(image) to \(target): \(ByteCount.text(report.imageBytes))\(rate)")
        if let partition = report.persistence {
            Terminal.error(
                "persistence: partition \(partition.number) (\(partition.label)), ext4, "
                    + "\(ByteCount.text(partition.fileSystemBytes)); \(target) is \(ByteCount.text(report.targetBytes))")
        }
        if let sum = report.writtenSHA256 { Terminal.error("verified: SHA-256 \(sum)") }
        if report.partitionTableReread == false { Terminal.error("isokit: the kernel did not re-read the partition table") }
    }
}
