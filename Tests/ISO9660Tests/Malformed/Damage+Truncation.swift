import ISO9660

/// Images cut short at chosen points: each read that reaches past the end must say where.
extension Damage {
    static let truncations: [Damage] = [
        Damage("truncated before the primary volume descriptor") { fixture in
            try fixture.truncate(to: 0x8000)
            return .rejected(.decode(.truncated(structure: "volume descriptor", offset: 0x8000, needed: 2048, available: 0)))
        },
        Damage("truncated inside the primary volume descriptor") { fixture in
            try fixture.truncate(to: 0x8000 + 190)
            return .rejected(.decode(.truncated(structure: "volume descriptor", offset: 0x8000, needed: 2048, available: 190)))
        },
        Damage("truncated inside the set terminator") { fixture in
            let types = try ISOImage(path: fixture.image).descriptorTypes
            let terminator = Int64(16 + types.count - 1) * 2048
            try fixture.truncate(to: terminator + 6)
            return .rejected(.decode(.truncated(structure: "volume descriptor", offset: terminator, needed: 2048, available: 6)))
        },
        Damage("truncated inside the root directory's first record") { fixture in
            try fixture.truncate(to: try fixture.extentOffset("/") + 20)
            return .truncated
        },
        Damage("truncated inside the root directory's records") { fixture in
            try fixture.truncate(to: try fixture.recordOffset("/data.bin") + 10)
            return .truncated
        },
        Damage("truncated inside a subdirectory") { fixture in
            try fixture.truncate(to: try fixture.extentOffset("/a/b") + 100)
            return .truncated
        },
        Damage("truncated inside a continuation area") { fixture in
            let name = "/" + MalformedFixture.longNames[0]
            let continuation = try fixture.systemUseEntry("CE", of: name)
            try fixture.truncate(to: try fixture.continuationTarget(ofEntryAt: continuation).offset + 8)
            return .truncated
        },
        Damage("truncated inside file data") { fixture in
            let data = try fixture.extentOffset("/data.bin")
            try fixture.truncate(to: data + 3000)
            return .truncated
        },
        Damage("truncated one byte short") { fixture in
            // The end of the image may be padding no structure covers; the last file must still be whole.
            try fixture.truncate(to: try fixture.size() - 1)
            return .readableOrRejected
        },
    ]
}
