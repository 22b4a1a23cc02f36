import BinaryIO

/// Reads the SUSP entries of a directory record, following continuation areas (IEEE P1281 §5.1) with bounds and
/// loop checks.
struct SystemUseReader {
    let reader: ImageReader
    /// Bytes to skip at the start of each system use field (from the root's SP entry).
    let skipBytes: Int

    /// More continuation areas than this for one record is treated as damage.
    static let continuationLimit = 64
    /// A continuation area longer than this is treated as damage (real ones are a few hundred bytes).
    static let continuationAreaLimit = 65_536

    /// How many bytes of continuation areas may be read while listing one directory: records may all start the same
    /// long chain (no loop, so the per-record checks pass), and listing must stay linear in the directory's size.
    struct Budget {
        /// The bytes allowed in total.
        let limit: Int
        /// The bytes still allowed.
        var remaining: Int

        /// 64 bytes of continuation areas per directory byte (at least one block's worth): a directory of links to
        /// 4 KiB targets needs about 17.
        init(directoryBytes: Int) {
            limit = 64 * max(directoryBytes, 2048)
            remaining = limit
        }
    }

    /// The entries of `record`, whose first byte lies at `recordOffset`, with every CE area appended in order; the
    /// areas read are taken from `budget`.
    func entries(of record: DirectoryRecord, at recordOffset: Int64, path: String, budget: inout Budget) throws -> [SystemUseEntry] {
        let identifierEnd = 33 + record.identifier.count + (record.identifier.count % 2 == 0 ? 1 : 0)
        guard record.systemUse.count > skipBytes else { return [] }
        let start = recordOffset + Int64(identifierEnd + skipBytes)
        var entries = try decoding { try SystemUseArea.decode(record.systemUse[skipBytes...], at: start) }
        var visited: Set<Int64> = []
        var next = Self.continuation(in: entries)
        while let area = next {
            let offset = Int64(area.blockLBA) * 2048 + Int64(area.offset)
            guard visited.insert(offset).inserted else { throw ISO9660Error.continuationLoop(path: path, offset: offset) }
            guard visited.count <= Self.continuationLimit else {
                throw ISO9660Error.limitExceeded(what: "SUSP continuation areas", path: path, limit: Self.continuationLimit)
            }
            guard area.length <= Self.continuationAreaLimit else {
                throw ISO9660Error.decode(.fieldOutOfRange(
                    field: "CE length", offset: offset, value: UInt64(area.length),
                    limit: UInt64(Self.continuationAreaLimit)))
            }
            guard Int(area.length) <= budget.remaining else {
                throw ISO9660Error.limitExceeded(
                    what: "bytes of SUSP continuation areas in its directory", path: path, limit: budget.limit)
            }
            budget.remaining -= Int(area.length)
            let bytes = try decoding {
                try reader.read(at: offset, count: Int(area.length), structure: "SUSP continuation area")
            }
            let more = try decoding { try SystemUseArea.decode(bytes[...], at: offset) }
            entries += more
            next = Self.continuation(in: more)
        }
        return entries
    }

    private static func continuation(in entries: [SystemUseEntry]) -> ContinuationArea? {
        for entry in entries {
            if case let .continuation(area) = entry { return area }
        }
        return nil
    }
}
