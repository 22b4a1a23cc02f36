/// Growing a disk: moving the backup GPT to a new last sector and adding a partition in the space gained
/// (UEFI 2.10 §5.3.2: the backup header is in the last sector, its entry array just before it).
extension GPTPartitionTable {
    /// The last usable LBA on a disk of `diskSectors` sectors: the sector before the backup entry array.
    ///
    /// - Parameter diskSectors: The disk size in sectors of ``sectorSize`` bytes.
    /// - Returns: `diskSectors - 2 - entryArraySectors`, or `nil` if the disk cannot hold both GPTs.
    public func lastUsableLBA(diskSectors: UInt64) -> UInt64? {
        let (reserved, overflow) = entryArraySectors.addingReportingOverflow(2)
        guard !overflow, diskSectors > reserved, diskSectors - reserved >= header.firstUsableLBA else { return nil }
        return diskSectors - reserved
    }

    /// The first sector after every used partition (the first usable LBA if there are none).
    public var endOfPartitions: UInt64 {
        partitions.reduce(header.firstUsableLBA) { end, partition in
            let (next, overflow) = partition.lastLBA.addingReportingOverflow(1)
            return max(end, overflow ? .max : next)
        }
    }

    /// Puts `partition` in the first unused slot, for a disk of `diskSectors` sectors.
    ///
    /// Call ``encode(diskSectors:)`` with the same size afterwards: it moves the backup GPT to the new end and
    /// sets the last usable LBA.
    ///
    /// - Parameters:
    ///   - partition: A used entry.
    ///   - diskSectors: The disk size the table will be written for.
    /// - Returns: The slot it went into (0-based; partition number − 1).
    /// - Throws: ``DiskFormatsError/layout(reason:)`` if the entry is unused or inverted, no slot is free, it
    ///   leaves the usable range of that disk, or it overlaps a partition.
    @discardableResult
    public mutating func add(_ partition: GPTPartitionEntry, diskSectors: UInt64) throws(DiskFormatsError) -> Int {
        guard !partition.isUnused, partition.firstLBA <= partition.lastLBA else {
            throw .layout(reason: "a new GPT partition needs a type and first LBA ≤ last LBA")
        }
        guard let last = lastUsableLBA(diskSectors: diskSectors) else {
            throw .layout(reason: "a disk of \(diskSectors) sectors cannot hold the GPT")
        }
        guard partition.firstLBA >= header.firstUsableLBA, partition.lastLBA <= last else {
            throw .layout(
                reason: "partition \(partition.firstLBA)–\(partition.lastLBA) leaves the usable range "
                    + "\(header.firstUsableLBA)–\(last)")
        }
        if let other = partitions.first(where: { $0.firstLBA <= partition.lastLBA && partition.firstLBA <= $0.lastLBA }) {
            throw .layout(
                reason: "partition \(partition.firstLBA)–\(partition.lastLBA) overlaps '\(other.name)' "
                    + "(\(other.firstLBA)–\(other.lastLBA))")
        }
        let slots = min(entries.count, Int(header.numberOfPartitionEntries))
        guard let slot = entries.prefix(slots).firstIndex(where: \.isUnused) else {
            throw .layout(reason: "all \(slots) GPT partition slots are used")
        }
        entries[slot] = partition
        return slot
    }
}
