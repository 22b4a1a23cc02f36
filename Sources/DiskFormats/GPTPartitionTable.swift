import BinaryIO

/// UEFI 2.10 §5.3 — GUID Partition Table: primary header at LBA 1 and its entry array, with a backup entry array
/// and header at the end of the disk.
///
/// A table read from a disk keeps every slot of its entry array and the primary header, so
/// ``encode(diskSectors:)`` with the disk's size gives back the bytes it was read from. Partition placement
/// (overlaps, entries outside the usable range) is reported, not enforced: hybrid ISO images made with
/// `xorriso -isohybrid-gpt-basdat` deliberately place a partition over the ISO head.
public struct GPTPartitionTable: Hashable, Sendable {
    /// The primary header; `encode(diskSectors:)` recomputes its LBAs, last usable LBA and CRCs.
    public var header: GPTHeader
    /// Every slot of the entry array, used or not, in order.
    public var entries: [GPTPartitionEntry]
    /// The logical sector size in bytes.
    public var sectorSize: Int

    /// The used entries, in slot order.
    public var partitions: [GPTPartitionEntry] { entries.filter { !$0.isUnused } }

    /// The disk GUID.
    public var diskGUID: GUID { header.diskGUID }

    /// Creates a table from a header and all its slots.
    public init(header: GPTHeader, entries: [GPTPartitionEntry], sectorSize: Int = 512) {
        self.header = header
        self.entries = entries
        self.sectorSize = sectorSize
    }

    /// Creates a new table with the entry array at LBA 2.
    ///
    /// - Parameters:
    ///   - diskGUID: The disk GUID (see ``GUID/derived(from:)`` for reproducible builds).
    ///   - partitions: The used entries, at most `entryCount`; the remaining slots are unused.
    ///   - sectorSize: The logical sector size.
    ///   - entryCount: Slots in the entry array; 128 (16 KiB) is the minimum UEFI allows.
    ///   - firstUsableLBA: The first sector for partitions; by default the sector after the entry array (34).
    public init(
        diskGUID: GUID, partitions: [GPTPartitionEntry], sectorSize: Int = 512, entryCount: Int = 128,
        firstUsableLBA: UInt64? = nil
    ) {
        precondition(partitions.count <= entryCount && entryCount <= Int(UInt32.max), "too many GPT partitions")
        let arraySectors = UInt64((entryCount * GPTPartitionEntry.size + sectorSize - 1) / sectorSize)
        let header = GPTHeader(
            myLBA: 1, alternateLBA: 0, firstUsableLBA: firstUsableLBA ?? 2 + arraySectors, lastUsableLBA: 0,
            diskGUID: diskGUID, partitionEntryLBA: 2, numberOfPartitionEntries: UInt32(entryCount),
            partitionEntryArrayCRC32: 0)
        self.init(
            header: header,
            entries: partitions + Array(repeating: .unused, count: entryCount - partitions.count),
            sectorSize: sectorSize)
    }

    /// Sectors taken by the entry array.
    public var entryArraySectors: UInt64 {
        UInt64((header.partitionEntryArrayBytes + sectorSize - 1) / sectorSize)
    }

    /// The primary structures and the backup structures for a disk of `diskSectors` sectors.
    ///
    /// The primary header gets `myLBA` 1 and `alternateLBA` `diskSectors - 1`; the last usable LBA is the sector
    /// before the backup array; both CRCs are computed.
    ///
    /// - Parameter diskSectors: The disk size in sectors of ``sectorSize`` bytes.
    /// - Returns: `primary`, to write at LBA 1: the header sector, zeros up to the entry array LBA, and the array;
    ///   `backup`, to write so that it ends with the disk: the entry array then the backup header sector.
    public func encode(diskSectors: UInt64) -> (primary: [UInt8], backup: [UInt8]) {
        let arraySectors = entryArraySectors
        precondition(
            (2...(1 << 20)).contains(header.partitionEntryLBA), "the GPT entry array starts at LBA 2 or a bit later")
        let (needed, overflow) = header.firstUsableLBA.addingReportingOverflow(arraySectors + 1)
        precondition(!overflow && diskSectors > needed, "the disk is too small for its GPT")
        var array = ByteWriter(capacity: Int(arraySectors) * sectorSize)
        for entry in entries.prefix(Int(header.numberOfPartitionEntries)) {
            array.append(entry.encode())
            array.fill(Int(header.sizeOfPartitionEntry) - GPTPartitionEntry.size)
        }
        array.fill(header.partitionEntryArrayBytes - array.count)
        let arrayCRC = CRC32.checksum(array.bytes)
        array.fill(Int(arraySectors) * sectorSize - array.count)

        var primary = header
        primary.myLBA = 1
        primary.alternateLBA = diskSectors - 1
        primary.lastUsableLBA = diskSectors - 2 - arraySectors
        primary.partitionEntryArrayCRC32 = arrayCRC
        primary.updateHeaderCRC32()
        var backup = primary
        backup.myLBA = primary.alternateLBA
        backup.alternateLBA = 1
        backup.partitionEntryLBA = diskSectors - 1 - arraySectors
        backup.updateHeaderCRC32()

        var head = ByteWriter(capacity: Int(primary.partitionEntryLBA - 1 + arraySectors) * sectorSize)
        head.append(sector(primary))
        head.fill(Int(primary.partitionEntryLBA - 2) * sectorSize)
        head.append(array.bytes)
        var tail = ByteWriter(capacity: Int(arraySectors + 1) * sectorSize)
        tail.append(array.bytes)
        tail.append(sector(backup))
        return (head.bytes, tail.bytes)
    }

    private func sector(_ header: GPTHeader) -> [UInt8] {
        let bytes = header.encode()
        return bytes + Array(repeating: 0, count: max(0, sectorSize - bytes.count))
    }
}

extension GPTPartitionTable {
    /// Reads the primary GPT at LBA 1 and its entry array.
    ///
    /// - Parameters:
    ///   - reader: The disk image.
    ///   - sectorSize: The logical sector size (512 for disk images and hybrid ISOs).
    /// - Returns: The table, or `nil` if the image has no `EFI PART` signature at LBA 1.
    /// - Throws: ``DiskFormatsError/decode(_:)`` wrapping the header's errors (see ``GPTHeader/init(bytes:at:)``),
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` if the header is not at LBA 1 by its own account or the
    ///   entry array overlaps the header or the usable range, ``DecodeError/badChecksum(structure:offset:stored:computed:)``
    ///   for a bad entry array CRC, and ``DecodeError/truncated(structure:offset:needed:available:)`` if the array
    ///   runs past the end of the image; ``IOError`` if reading fails.
    public static func read(from reader: ImageReader, sectorSize: Int = 512) throws -> GPTPartitionTable? {
        precondition(sectorSize >= 512 && sectorSize.nonzeroBitCount == 1, "sector sizes are powers of 2, ≥ 512")
        let headerOffset = Int64(sectorSize)
        guard reader.size >= 2 * headerOffset else { return nil }
        let sector = try reader.read(at: headerOffset, count: sectorSize, structure: "GPT header")
        guard sector.starts(with: GPTHeader.signature) else { return nil }
        do {
            let header = try GPTHeader(bytes: sector[...], at: headerOffset)
            guard header.myLBA == 1 else {
                throw DecodeError.invalidValue(
                    field: "GPT my LBA", offset: headerOffset + 24, reason: "primary header at LBA 1 names LBA \(header.myLBA)")
            }
            let table = GPTPartitionTable(header: header, entries: [], sectorSize: sectorSize)
            guard header.partitionEntryLBA >= 2, header.partitionEntryLBA <= header.firstUsableLBA,
                table.entryArraySectors <= header.firstUsableLBA - header.partitionEntryLBA
            else {
                throw DecodeError.invalidValue(
                    field: "GPT partition entry LBA", offset: headerOffset + 72,
                    reason: "entry array at LBA \(header.partitionEntryLBA) overlaps the header or the usable range")
            }
            guard header.alternateLBA > header.lastUsableLBA else {
                throw DecodeError.invalidValue(
                    field: "GPT alternate LBA", offset: headerOffset + 32,
                    reason: "backup header LBA \(header.alternateLBA) lies in the usable range")
            }
            return try readEntries(of: header, from: reader, sectorSize: sectorSize)
        } catch let error as DecodeError {
            throw DiskFormatsError.decode(error)
        }
    }

    /// Reads the backup GPT that `primary` points to (its `alternateLBA`).
    ///
    /// - Parameters:
    ///   - reader: The disk image.
    ///   - primary: The primary table, from ``read(from:sectorSize:)``.
    /// - Returns: The backup table; compare its ``partitions`` with the primary's.
    /// - Throws: ``DiskFormatsError/decode(_:)`` as ``read(from:sectorSize:)`` does, and
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` if the backup header does not name itself and the
    ///   primary, or its entry array is not between the usable range and the header.
    public static func readBackup(from reader: ImageReader, primary: GPTPartitionTable) throws -> GPTPartitionTable {
        let sectorSize = primary.sectorSize
        do {
            let (offset, overflow) = primary.header.alternateLBA.multipliedReportingOverflow(by: UInt64(sectorSize))
            guard !overflow, let headerOffset = Int64(exactly: offset) else {
                throw DecodeError.fieldOutOfRange(
                    field: "GPT alternate LBA", offset: Int64(sectorSize) + 32, value: primary.header.alternateLBA,
                    limit: UInt64(Int64.max) / UInt64(sectorSize))
            }
            let sector = try reader.read(at: headerOffset, count: sectorSize, structure: "backup GPT header")
            let header = try GPTHeader(bytes: sector[...], at: headerOffset)
            guard header.myLBA == primary.header.alternateLBA, header.alternateLBA == 1 else {
                throw DecodeError.invalidValue(
                    field: "backup GPT my/alternate LBA", offset: headerOffset + 24,
                    reason: "names LBA \(header.myLBA) and \(header.alternateLBA), expected \(primary.header.alternateLBA) and 1")
            }
            let table = GPTPartitionTable(header: header, entries: [], sectorSize: sectorSize)
            guard header.partitionEntryLBA > header.lastUsableLBA, header.partitionEntryLBA < header.myLBA,
                table.entryArraySectors <= header.myLBA - header.partitionEntryLBA
            else {
                throw DecodeError.invalidValue(
                    field: "backup GPT partition entry LBA", offset: headerOffset + 72,
                    reason: "entry array at LBA \(header.partitionEntryLBA) overlaps the header or the usable range")
            }
            return try readEntries(of: header, from: reader, sectorSize: sectorSize)
        } catch let error as DecodeError {
            throw DiskFormatsError.decode(error)
        }
    }

    /// Decodes an entry array and checks its CRC against `header`.
    ///
    /// - Parameters:
    ///   - bytes: At least `header.partitionEntryArrayBytes` bytes.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    ///   - header: The header that describes the array.
    /// - Returns: One entry per slot.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``,
    ///   ``DecodeError/badChecksum(structure:offset:stored:computed:)``, and the entries' own errors.
    public static func decodeEntries(
        _ bytes: ArraySlice<UInt8>, at offset: Int64, header: GPTHeader
    ) throws(DecodeError) -> [GPTPartitionEntry] {
        var reader = ByteReader(bytes, at: offset, structure: "GPT partition entry array")
        let array = try reader.bytes(header.partitionEntryArrayBytes)
        let computed = CRC32.checksum(array)
        guard computed == header.partitionEntryArrayCRC32 else {
            throw .badChecksum(
                structure: "GPT partition entry array", offset: offset, stored: UInt64(header.partitionEntryArrayCRC32),
                computed: UInt64(computed))
        }
        let size = Int(header.sizeOfPartitionEntry)
        var entries: [GPTPartitionEntry] = []
        entries.reserveCapacity(Int(header.numberOfPartitionEntries))
        for slot in 0..<Int(header.numberOfPartitionEntries) {
            let start = array.startIndex + slot * size
            entries.append(try GPTPartitionEntry(bytes: array[start..<start + size], at: offset + Int64(slot * size)))
        }
        return entries
    }

    private static func readEntries(
        of header: GPTHeader, from reader: ImageReader, sectorSize: Int
    ) throws -> GPTPartitionTable {
        let (offset, overflow) = header.partitionEntryLBA.multipliedReportingOverflow(by: UInt64(sectorSize))
        guard !overflow, let arrayOffset = Int64(exactly: offset) else {
            throw DecodeError.fieldOutOfRange(
                field: "GPT partition entry LBA", offset: Int64(truncatingIfNeeded: header.myLBA) &* Int64(sectorSize) &+ 72,
                value: header.partitionEntryLBA, limit: UInt64(Int64.max) / UInt64(sectorSize))
        }
        let bytes = try reader.read(
            at: arrayOffset, count: header.partitionEntryArrayBytes, structure: "GPT partition entry array")
        let entries = try decodeEntries(bytes[...], at: arrayOffset, header: header)
        return GPTPartitionTable(header: header, entries: entries, sectorSize: sectorSize)
    }
}
