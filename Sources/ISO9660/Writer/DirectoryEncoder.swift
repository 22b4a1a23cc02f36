/// Encodes one directory with its final LBAs (pass 2 of the layout): its extent, then its continuation blocks.
struct DirectoryEncoder {
    let continuationLBA: UInt32
    private var allocator = ContinuationAllocator()
    /// The continuation blocks, filled in as the records are encoded.
    private(set) var continuationBytes: [UInt8]

    /// An encoder whose continuation areas occupy `continuationBlocks` blocks from `continuationLBA`.
    init(continuationLBA: UInt32, continuationBlocks: UInt32) {
        self.continuationLBA = continuationLBA
        continuationBytes = [UInt8](repeating: 0, count: Int(continuationBlocks) * 2048)
    }

    /// The directory extent (`size` bytes) and continuation blocks holding `drafts`.
    static func encode(_ drafts: [RecordDraft], size: UInt32, at lba: UInt32, continuationBlocks: UInt32) -> [UInt8] {
        var encoder = DirectoryEncoder(continuationLBA: lba + size / 2048, continuationBlocks: continuationBlocks)
        return encoder.encode(drafts, size: Int(size)) + encoder.continuationBytes
    }

    /// The bytes of a directory extent of `size` bytes holding `drafts`.
    mutating func encode(_ drafts: [RecordDraft], size: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        var used = 0
        for draft in drafts {
            let split = SystemUsePacker.split(draft.systemUse, space: draft.systemUseSpace)
            var inline = split.inline
            let places = split.areas.enumerated().map { position, area in
                allocator.allocate(SystemUsePacker.areaLength(area, chained: position < split.areas.count - 1))
            }
            for (position, area) in split.areas.enumerated() {
                var entries = area
                if position + 1 < places.count { entries.append(.continuation(continuationArea(places, position + 1, split.areas))) }
                let encoded = SystemUseArea.encode(entries)
                let start = places[position].block * 2048 + places[position].offset
                continuationBytes.replaceSubrange(start..<(start + encoded.count), with: encoded)
            }
            if !places.isEmpty { inline.append(.continuation(continuationArea(places, 0, split.areas))) }
            let record = DirectoryRecord(
                extentLBA: draft.extentLBA, dataLength: draft.dataLength, recordingDate: draft.date, flags: draft.flags,
                identifier: draft.identifier, systemUse: SystemUseArea.encode(inline))
            let encoded = record.encode()
            if used % 2048 + encoded.count > 2048 { used = (used / 2048 + 1) * 2048 }
            bytes.replaceSubrange(used..<(used + encoded.count), with: encoded)
            used += encoded.count
        }
        return bytes
    }

    private func continuationArea(_ places: [(block: Int, offset: Int)], _ position: Int, _ areas: [[SystemUseEntry]]) -> ContinuationArea {
        ContinuationArea(
            blockLBA: continuationLBA + UInt32(places[position].block), offset: UInt32(places[position].offset),
            length: UInt32(SystemUsePacker.areaLength(areas[position], chained: position < areas.count - 1)))
    }
}
