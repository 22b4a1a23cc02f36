import ISO9660

/// Names that would escape or confuse the host, in each namespace, and entries that collide with symbolic links.
extension Damage {
    /// Rock Ridge NM entries (RRIP §4.1.4) rewritten to hostile names; each target is a directory holding a file,
    /// so an accepted `..` would write `payload.txt` beside the target.
    static let rockRidgeNames: [Damage] = [
        renamed("zz", to: ".."),
        renamed("q", to: "."),
        renamed("abc", to: "a/b"),
        renamed("etcpasswd00", to: "/etc/passwd"),
        renamed("nul", to: "n\0l"),
        Damage("Rock Ridge name empty") { fixture in
            let entry = try fixture.systemUseEntry("NM", data: [0] + Array("emptyname".utf8), of: "/emptyname")
            // NM with no name bytes, then a PD entry (SUSP §5.2) over the 9 bytes the name took.
            try fixture.patch([5, 1, 0] + Array("PD".utf8) + [9, 1, 0, 0, 0, 0, 0], at: entry + 2)
            return .rejected(.unsafeName(path: "/", name: ""))
        },
        Damage("Rock Ridge NM flagged as the current directory, with a name") { fixture in
            let entry = try fixture.systemUseEntry("NM", data: [0] + Array("zz".utf8), of: "/zz")
            try fixture.patch([0x02], at: entry + 4)
            return .readable
        },
        Damage("Rock Ridge NM continued past the last entry") { fixture in
            let record = try fixture.recordOffset("/zz")
            let entry = try fixture.systemUseEntry("NM", data: [0] + Array("zz".utf8), of: "/zz")
            try fixture.patch([0x01], at: entry + 4)
            return .rejected(.decode(.invalidValue(
                field: "NM", offset: record, reason: "the name continues past the last NM entry")))
        },
        Damage("ISO 9660 identifier ..", namespace: .iso9660) { fixture in
            let record = try fixture.recordOffset("/zz")
            try fixture.patch(Array("..".utf8), at: record + 33)
            // The reader drops one trailing dot, as for `NAME.` (ECMA-119 §7.5.1).
            return .rejected(.unsafeName(path: "/", name: "."))
        },
        Damage("ISO 9660 identifier A/B", namespace: .iso9660) { fixture in
            let record = try fixture.recordOffset("/abc")
            try fixture.patch(Array("A/B".utf8), at: record + 33)
            return .rejected(.unsafeName(path: "/", name: "A/B"))
        },
        Damage("Joliet name ..", namespace: .joliet) { fixture in
            try fixture.patch([0, 0x2E, 0, 0x2E], at: try fixture.jolietIdentifierOffset("/zz"))
            return .rejected(.unsafeName(path: "/", name: ".."))
        },
        Damage("Joliet name a/b", namespace: .joliet) { fixture in
            try fixture.patch([0, 0x61, 0, 0x2F, 0, 0x62], at: try fixture.jolietIdentifierOffset("/abc"))
            return .rejected(.unsafeName(path: "/", name: "a/b"))
        },
    ]

    /// The Rock Ridge name of the directory `/original` rewritten to `hostile` (same length).
    private static func renamed(_ original: String, to hostile: String) -> Damage {
        Damage("Rock Ridge name \(String(reflecting: hostile))") { fixture in
            let entry = try fixture.systemUseEntry("NM", data: [0] + Array(original.utf8), of: "/" + original)
            try fixture.patch(Array(hostile.utf8), at: entry + 5)
            return .rejected(.unsafeName(path: "/", name: hostile))
        }
    }

    /// Symbolic links given the name of a directory or file beside them, so a later entry would be written through
    /// the link if extraction followed it (`evil -> outside`, then `evil/x`).
    static let collisions: [Damage] = [
        Damage("intact image with links to /etc, ../../.. and outside") { _ in .readable },
        Damage("link to outside named like the directory after it") { fixture in
            try fixture.patch(Array("evil".utf8), at: try nameEntry(fixture, "evik") + 5)
            return .hostConflict
        },
        Damage("relative link to outside named like the directory before it") { fixture in
            try fixture.patch(Array("evil".utf8), at: try nameEntry(fixture, "evim") + 5)
            return .hostConflict
        },
        Damage("file named like the link to a file outside before it") { fixture in
            try fixture.patch(Array("sym1".utf8), at: try nameEntry(fixture, "sym2") + 5)
            return .hostConflict
        },
    ]

    /// The offset of the NM entry that names `/name`.
    private static func nameEntry(_ fixture: MalformedFixture, _ name: String) throws -> Int64 {
        try fixture.systemUseEntry("NM", data: [0] + Array(name.utf8), of: "/" + name)
    }
}
