/// Growing a disk: the protective partition follows the new size, and a new partition may take a free slot
/// (UEFI 2.10 §5.2.3; with a partition beside `0xEE` the MBR becomes a hybrid one, laid out as gdisk does it).
extension MasterBootRecord {
    /// Adds `partition` in the first empty slot and fits the protective partition, if any, to the disk.
    ///
    /// A protective `0xEE` partition from LBA 1 covers the disk up to `partition` (the hybrid layout: the GPT
    /// stays authoritative, legacy tools see the new partition); without a free slot it grows to the whole disk of
    /// `diskSectors` sectors (capped at 2³² − 1) and `partition` is left out.
    ///
    /// - Parameters:
    ///   - diskSectors: The new disk size in 512-byte sectors.
    ///   - partition: The new record, starting after LBA 1; `nil` (e.g. for one past 2³² sectors) only fits the
    ///     protective partition to the disk.
    /// - Returns: The slot `partition` went into, or `nil` if all four were used or there was none.
    @discardableResult
    public mutating func grow(diskSectors: UInt64, adding partition: MBRPartitionEntry?) -> Int? {
        precondition((partition?.firstLBA ?? 2) > 1, "a new MBR partition starts after the GPT header")
        let slot = partition == nil ? nil : partitions.firstIndex(where: \.isEmpty)
        for index in partitions.indices where partitions[index].type == .gptProtective && partitions[index].firstLBA == 1 {
            let end = if slot != nil, let partition { UInt64(partition.firstLBA) } else { diskSectors }
            partitions[index].sectorCount = UInt32(min(end - 1, UInt64(UInt32.max)))
            partitions[index].chsEnd = CHSAddress(lba: end - 1)
        }
        guard let slot, let partition else { return nil }
        partitions[slot] = partition
        return slot
    }
}
