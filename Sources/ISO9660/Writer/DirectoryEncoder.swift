/// Encodes directories with their final LBAs (pass 2 of the layout), filling continuation areas as it goes.
struct DirectoryEncoder {
    let continuationLBA: UInt32
    private var allocator = ContinuationAllocator()
    /// The continuation blocks, filled in as directories are encoded.
    private(set) var continuationBytes: [UInt8]

    init(continuationLBA: UInt32, continuationBlocks: Int) {
        self.continuationLBA = continuationLBA
        continuationBytes = [UInt8](repeating: 0, count: continuationBlocks * 2048)
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
