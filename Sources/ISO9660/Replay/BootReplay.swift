/// Writer options that carry an image's boot setup again, from ``BootSetup/writerOptions(reading:base:)``.
public struct BootReplay: Sendable {
    /// The options to write the new image with: the caller's base options with the boot entries, the MBR boot code,
    /// the partition scheme and the appended EFI partition of the captured setup.
    public var options: ISOWriterOptions
    /// Indices in ``BootSetup/entries`` whose boot images were read from the input as bytes (they are not files of
    /// its tree); ``ISOWriterOptions/bootImages`` holds those bytes in ``BootImageOptions/contents``.
    public var extractedEntries: [Int]
    /// What of the setup the writer lays out its own way or leaves out, one sentence each (e.g. an Apple partition
    /// map, or a GPT partition that is neither ISO data nor an EFI boot image). Empty when nothing is lost.
    public var notReplayed: [String]

    /// Creates a replay.
    public init(options: ISOWriterOptions, extractedEntries: [Int], notReplayed: [String]) {
        self.options = options
        self.extractedEntries = extractedEntries
        self.notReplayed = notReplayed
    }
}
