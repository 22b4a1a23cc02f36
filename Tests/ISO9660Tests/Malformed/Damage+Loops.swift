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
