/// Splits a record's SUSP entries between its system use field (at most 255 bytes per record, ECMA-119 §9.1.1)
/// and continuation areas (IEEE P1281 §5.1), each area kept inside one 2048-byte block.
struct SystemUsePacker {
    /// Bytes a CE entry takes.
    static let continuationEntrySize = 28
    /// A continuation area never crosses a block.
    static let blockSize = 2048

    /// Entries split for one record: what stays in the record, and the chain of continuation areas.
    struct Split {
        var inline: [SystemUseEntry]
        var areas: [[SystemUseEntry]]
    }

    /// Splits `entries` for a record whose system use field may hold `space` bytes.
    static func split(_ entries: [SystemUseEntry], space: Int) -> Split {
        var entries = entries
        var sizes = entries.map(\.encodedLength)
        if sizes.reduce(0, +) <= space { return Split(inline: entries, areas: []) }
        var inline: [SystemUseEntry] = []
        var used = 0
        var index = 0
        while index < entries.count, used + sizes[index] <= space - continuationEntrySize {
            inline.append(entries[index])
            used += sizes[index]
            index += 1
        }
        // Start a name that does not fit in the record itself, so readers that take the name from the record alone
        // (libarchive) still find it: the rest continues in the continuation area with the CONTINUE flag.
        let room = space - continuationEntrySize - used - AlternateNameEntry.fixedSize
        if index < entries.count, case let .alternateName(name) = entries[index], room > 0, name.name.count > room {
            var head = AlternateNameEntry(flags: name.flags.union(.continue), name: Array(name.name.prefix(room)))
            head.flags.remove([.current, .parent])
            let tail = AlternateNameEntry(flags: name.flags, name: Array(name.name.dropFirst(room)))
            inline.append(.alternateName(head))
            entries[index] = .alternateName(tail)
            sizes[index] = entries[index].encodedLength
        }
        var areas: [[SystemUseEntry]] = []
        var area: [SystemUseEntry] = []
        var areaBytes = 0
        while index < entries.count {
            if areaBytes + sizes[index] > blockSize - continuationEntrySize, !area.isEmpty {
                areas.append(area)
                area = []
                areaBytes = 0
            }
            area.append(entries[index])
            areaBytes += sizes[index]
            index += 1
        }
        if !area.isEmpty { areas.append(area) }
        return Split(inline: inline, areas: areas)
    }

    /// The encoded length of an area, including the CE entry that chains to the next one when `chained`.
    static func areaLength(_ area: [SystemUseEntry], chained: Bool) -> Int {
        area.reduce(0) { $0 + $1.encodedLength } + (chained ? continuationEntrySize : 0)
    }
}

/// Hands out continuation areas inside a run of blocks, in order, never crossing a block boundary.
struct ContinuationAllocator {
    /// Blocks used so far (the last one possibly partly).
    private(set) var blocks = 0
    private var offsetInBlock = SystemUsePacker.blockSize

    /// Reserves `length` bytes; returns the block index (relative to the first continuation block) and offset.
    mutating func allocate(_ length: Int) -> (block: Int, offset: Int) {
        if offsetInBlock + length > SystemUsePacker.blockSize {
            blocks += 1
            offsetInBlock = 0
        }
        let place = (blocks - 1, offsetInBlock)
        offsetInBlock += length
        return place
    }
}
