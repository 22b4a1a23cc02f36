import Foundation
import ISO9660

/// Directories and continuation areas that lead back to themselves.
extension Damage {
    static let loops: [Damage] = directoryLoops + continuationLoops + relocationLoops

    /// Directory records whose extent is their own directory or an ancestor's (ECMA-119 §9.1.3).
    static let directoryLoops: [Damage] = [
        Damage("directory /a/b points at the root") { fixture in
            let root = try fixture.extentLBA("/")
            try fixture.patch(MalformedFixture.bothEndian(root), at: try fixture.recordOffset("/a/b") + 2)
            return .rejected(.directoryLoop(path: "/a/b", extent: root))
        },
        Damage("directory /a/b/d points at its parent /a/b") { fixture in
            let parent = try fixture.extentLBA("/a/b")
            try fixture.patch(MalformedFixture.bothEndian(parent), at: try fixture.recordOffset("/a/b/d") + 2)
            return .rejected(.directoryLoop(path: "/a/b/d", extent: parent))
        },
        Damage("directory /zz points at the root it is listed in") { fixture in
            let root = try fixture.extentLBA("/")
            try fixture.patch(MalformedFixture.bothEndian(root), at: try fixture.recordOffset("/zz") + 2)
            return .rejected(.directoryLoop(path: "/zz", extent: root))
        },
    ]

    /// CE entries (IEEE P1281 §5.1) that point back into the chain, or at absurd areas.
    static let continuationLoops: [Damage] = [
        Damage("CE points at its own system use field") { fixture in
            let name = "/" + MalformedFixture.longNames[0]
            let continuation = try fixture.systemUseEntry("CE", of: name)
            let field = try fixture.systemUseOffset(ofRecordAt: try fixture.recordOffset(name))
            let path = try fixture.isoPath(of: name)
            try pointContinuation(fixture, at: continuation, to: field, length: continuation + 28 - field)
            return .rejected(.continuationLoop(path: path, offset: field))
        },
        Damage("two CE entries point at each other's record") { fixture in
            let names = MalformedFixture.longNames.map { "/" + $0 }
            var ends: [(continuation: Int64, field: Int64, record: Int64)] = []
            for name in names {
                let record = try fixture.recordOffset(name)
                ends.append((try fixture.systemUseEntry("CE", of: name), try fixture.systemUseOffset(ofRecordAt: record), record))
            }
            let paths = try names.map { try fixture.isoPath(of: $0) }
            for (index, end) in ends.enumerated() {
                let other = ends[1 - index]
                try pointContinuation(fixture, at: end.continuation, to: other.field, length: other.continuation + 28 - other.field)
            }
            // The record read first finds the loop when the other's area leads back to the first area it read.
            let first = ends[0].record < ends[1].record ? 0 : 1
            return .rejected(.continuationLoop(path: paths[first], offset: ends[1 - first].field))
        },
        Damage("every record of a directory starts the same chain of 64 continuation areas of 64 KiB") { fixture in
            // 200 records × 4 MiB would be 800 MiB of SUSP to read per listing; one directory block allows 128 KiB.
            try sharedContinuationChain(fixture, records: 200)
            return .rejected(.limitExceeded(
                what: "bytes of SUSP continuation areas in its directory", path: "/zz/F00000", limit: 64 * 2048 * 7))
        },
        Damage("CE with a continuation area of 4 GiB") { fixture in
            let name = "/" + MalformedFixture.longNames[0]
            let continuation = try fixture.systemUseEntry("CE", of: name)
            let area = try fixture.continuationTarget(ofEntryAt: continuation)
            try fixture.patch(MalformedFixture.bothEndian(0xFFFF_FFFF), at: continuation + 20)
            return .rejected(.decode(.fieldOutOfRange(field: "CE length", offset: area.offset, value: 0xFFFF_FFFF, limit: 65_536)))
        },
        Damage("CE with its area past the end") { fixture in
            let name = "/" + MalformedFixture.longNames[0]
            let continuation = try fixture.systemUseEntry("CE", of: name)
            let area = try fixture.continuationTarget(ofEntryAt: continuation)
            try fixture.patch(MalformedFixture.bothEndian(0x00FF_FFFF), at: continuation + 4)
            return .rejected(.decode(.truncated(
                structure: "SUSP continuation area", offset: 0x00FF_FFFF * 2048 + area.offset % 2048,
                needed: Int(area.length), available: 0)))
        },
    ]

    /// Appends `areas` continuation areas of 64 KiB, each full of PD entries and chained to the next, and makes /zz a
    /// directory of `records` records whose CE entries all start that chain: no loop, but each record reads every area.
    static func sharedContinuationChain(_ fixture: MalformedFixture, records: Int, areas: Int = 64) throws {
        let areaLength = 65_536
        let end = try fixture.size()
        let firstArea = UInt32((end + 2047) / 2048)
        // Each area: PD entries (SUSP §5.2) of up to 255 bytes, then a CE to the next area (a 28-byte PD in the last).
        var body: [UInt8] = []
        while body.count < areaLength - 28 {
            let left = areaLength - 28 - body.count
            let length = left <= 255 ? left : (left - 255 < 4 ? left - 4 : 255)
            body += Array("PD".utf8) + [UInt8(length), 1] + [UInt8](repeating: 0, count: length - 4)
        }
        var chain: [UInt8] = []
        chain.reserveCapacity(areas * areaLength)
        for index in 0..<areas {
            chain += body
            if index < areas - 1 {
                let next = UInt32(areaLength / 2048) * UInt32(index + 1) + firstArea
                chain += Array("CE".utf8) + [28, 1] + MalformedFixture.bothEndian(next) + MalformedFixture.bothEndian(0)
                    + MalformedFixture.bothEndian(UInt32(areaLength))
            } else {
                chain += Array("PD".utf8) + [28, 1] + [UInt8](repeating: 0, count: 24)
            }
        }
        _ = try fixture.appendBlocks(chain)
        let continuation = Array("CE".utf8) + [28, 1] + MalformedFixture.bothEndian(firstArea) + MalformedFixture.bothEndian(0)
            + MalformedFixture.bothEndian(UInt32(areaLength))
        let date = RecordingDate(unixTime: 1_700_000_000)
        var directory: [UInt8] = []
        for index in 0..<records {
            let record = DirectoryRecord(
                extentLBA: 0, dataLength: 0, recordingDate: date, flags: [],
                identifier: Array(String(format: "F%05d.;1", index).utf8), systemUse: continuation).encode()
            if directory.count % 2048 + record.count > 2048 { directory += [UInt8](repeating: 0, count: 2048 - directory.count % 2048) }
            directory += record
        }
        directory += [UInt8](repeating: 0, count: (2048 - directory.count % 2048) % 2048)
        let record = try fixture.recordOffset("/zz")
        let lba = try fixture.appendBlocks(directory)
        try fixture.patch(MalformedFixture.bothEndian(lba) + MalformedFixture.bothEndian(UInt32(directory.count)), at: record + 2)
    }

    /// Rewrites the CE entry at `continuation` to name `length` bytes at the absolute offset `target`.
    private static func pointContinuation(_ fixture: MalformedFixture, at continuation: Int64, to target: Int64, length: Int64) throws {
        let fields = MalformedFixture.bothEndian(UInt32(target / 2048)) + MalformedFixture.bothEndian(UInt32(target % 2048))
            + MalformedFixture.bothEndian(UInt32(length))
        try fixture.patch(fields, at: continuation + 4)
    }

    /// CL entries (RRIP §4.1.5.1) of a relocated directory that point at the root, at no directory, or past the end.
    /// xorriso does not relocate deep directories by default, so these apply to isokit's images.
    static let relocationLoops: [Damage] = [
        Damage("CL points at the root", makers: [.isokit]) { fixture in
            let (path, childLink) = try relocated(fixture)
            let root = try fixture.extentLBA("/")
            try fixture.patch(MalformedFixture.bothEndian(root), at: childLink + 4)
            return .rejected(.directoryLoop(path: path, extent: root))
        },
        Damage("CL points at the primary volume descriptor", makers: [.isokit]) { fixture in
            let (_, childLink) = try relocated(fixture)
            try fixture.patch(MalformedFixture.bothEndian(16), at: childLink + 4)
            return .rejected(.decode(.fieldOutOfRange(field: "directory record length", offset: 0x8000, value: 1, limit: 34)))
        },
        Damage("CL points past the end", makers: [.isokit]) { fixture in
            let (path, childLink) = try relocated(fixture)
            try fixture.patch(MalformedFixture.bothEndian(0x00FF_FFFF), at: childLink + 4)
            return .rejected(.decode(.truncated(
                structure: "relocated directory \(path)", offset: 0x00FF_FFFF * 2048, needed: 2048, available: 0)))
        },
    ]

    /// The path of the directory the writer relocated, and the offset of the CL entry in its placeholder record.
    private static func relocated(_ fixture: MalformedFixture) throws -> (path: String, childLink: Int64) {
        var components = MalformedFixture.deepPath.split(separator: "/").map(String.init)
        while !components.isEmpty {
            let path = "/" + components.joined(separator: "/")
            if let childLink = try? fixture.systemUseEntry("CL", of: path) { return (path, childLink) }
            components.removeLast()
        }
        throw FixtureError.missing("CL entry under \(MalformedFixture.deepPath)")
    }
}
