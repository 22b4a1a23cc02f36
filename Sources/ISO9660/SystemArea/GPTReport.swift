import DiskFormats

/// The GUID partition table of an image (UEFI 2.10 §5.3), for `isokit inspect`.
public struct GPTReport: Hashable, Sendable, Codable {
    /// The disk GUID.
    public var diskGUID: GUID
    /// First usable sector.
    public var firstUsableLBA: UInt64
    /// Last usable sector.
    public var lastUsableLBA: UInt64
    /// Where the primary header says the backup header is.
    public var alternateLBA: UInt64
    /// First sector of the primary entry array.
    public var partitionEntryLBA: UInt64
    /// Slots in the entry array.
    public var entryCount: UInt32
    /// Why the backup GPT could not be read or differs from the primary; `nil` when it matches.
    public var backupProblem: String?
    /// The used entries.
    public var partitions: [GPTPartitionReport]

    /// The report of `table`, with the result of checking its backup.
    public init(_ table: GPTPartitionTable, backupProblem: String?) {
        diskGUID = table.diskGUID
        firstUsableLBA = table.header.firstUsableLBA
        lastUsableLBA = table.header.lastUsableLBA
        alternateLBA = table.header.alternateLBA
        partitionEntryLBA = table.header.partitionEntryLBA
        entryCount = table.header.numberOfPartitionEntries
        self.backupProblem = backupProblem
        partitions = table.entries.enumerated().filter { !$0.element.isUnused }.map {
            GPTPartitionReport($0.element, slot: $0.offset + 1)
        }
    }
}
