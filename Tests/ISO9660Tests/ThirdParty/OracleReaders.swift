import Foundation
import ISO9660
import TestSupport

/// Runs the oracle readers (xorriso, isoinfo, 7z, bsdtar, pycdlib) and isokit's own reader on an image and turns
/// what they print into ``Listing``s that can be compared.
enum OracleReaders {
    /// A UTF-8 locale, so tools print names as they are instead of escaping non-ASCII bytes.
    static let environment = ["LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"]

    // MARK: isokit

    /// A walk of `namespace` with isokit's reader.
    static func isokit(_ image: String, namespace: Namespace = .auto) throws -> Listing {
        let reader = try ISOImage(path: image, namespace: namespace)
        var listing: Listing = [:]
        try reader.walk(from: reader.root()) { entry in
            guard entry.path != "/" else { return }
            listing[RawPath(entry.path.dropFirst())] = ListedFile(
                kind: entry.kind, permissions: entry.permissions, size: entry.size, symlinkTarget: entry.symlinkTarget,
                device: entry.device)
        }
        return listing
    }

    // MARK: ls-style mode strings

    /// The kind and permission bits of an `ls -l` mode string such as `drwxr-sr-t` (isoinfo writes `f` for a FIFO;
    /// xorriso writes `e` for the El Torito boot catalog, a regular file to every other reader).
    static func mode(_ text: some StringProtocol) -> (kind: EntryKind, permissions: UInt32)? {
        let characters = Array(text)
        guard characters.count == 10 else { return nil }
        let kinds: [Character: EntryKind] = [
            "-": .regular, "e": .regular, "d": .directory, "l": .symlink, "p": .fifo, "f": .fifo, "c": .characterDevice,
            "b": .blockDevice, "s": .socket,
        ]
        guard let kind = kinds[characters[0]] else { return nil }
        var permissions: UInt32 = 0
        for (index, character) in characters.dropFirst().enumerated() {
            let bit = UInt32(1) << UInt32(8 - index)
            let special: UInt32 = index == 2 ? 0o4000 : index == 5 ? 0o2000 : index == 8 ? 0o1000 : 0
            switch character {
            case "r", "w", "x": permissions |= bit
            case "s", "t": permissions |= bit | special
            case "S", "T": permissions |= special
            default: break
            }
        }
        return (kind, permissions)
    }

    // MARK: xorriso

    /// `xorriso -indev IMAGE -find / -exec lsdl`: kinds, permissions, sizes of regular files and link targets.
    static func xorriso(_ image: String) async throws -> Listing {
        let output = try await Tool.run(
            "xorriso", ["-indev", image, "-find", "/", "-exec", "lsdl"], environment: environment).stdout
        var listing: Listing = [:]
        for line in output.split(separator: "\n") {
            guard let quote = line.firstIndex(of: "'"), let (kind, permissions) = mode(line.prefix(10)) else { continue }
            let fields = line[..<quote].split(separator: " ")
            var quoted = line[line.index(after: quote)...]
            var target: String?
            if let arrow = quoted.range(of: "' -> '") {
                target = String(quoted[arrow.upperBound...].dropLast())
                quoted = quoted[..<arrow.lowerBound]
            } else {
                quoted = quoted.dropLast()
            }
            guard quoted != "/", fields.count >= 5 else { continue }
            listing[RawPath(quoted.dropFirst())] = ListedFile(
                kind: kind, permissions: permissions, size: Int64(fields[4]), symlinkTarget: target,
                device: ListedFile.device(fields[4], kind: kind))
        }
        return listing
    }

    // MARK: isoinfo

    /// One directory record as `isoinfo -l` prints it.
    struct IsoinfoRow: Sendable {
        var path: RawPath
        var file: ListedFile
        var lba: UInt32
        /// The record's data length (a CL placeholder has 0).
        var recordSize: Int64
    }

    /// The rows of `isoinfo -l` with `-R` (Rock Ridge) or `-J` (Joliet, names read as ISO 8859-1, one character per
    /// UCS-2 unit, `_` for what ISO 8859-1 lacks) or neither (plain ISO 9660), without `.` and `..`.
    static func isoinfoRows(_ image: String, extensions: String?) async throws -> [IsoinfoRow] {
        let result = try await Tool.run(
            "isoinfo", (extensions.map { [$0] } ?? []) + ["-l", "-i", image], environment: environment)
        let text = extensions == "-J"
            ? String(String.UnicodeScalarView(result.standardOutputBytes.map { Unicode.Scalar($0) }))
            : result.stdout
        var rows: [IsoinfoRow] = []
        var directory = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("Directory listing of /") {
                directory = String(line.dropFirst("Directory listing of /".count).dropLast())
                continue
            }
            guard let (kind, permissions) = mode(line.prefix(10)), let open = line.firstIndex(of: "[") else { continue }
            let fields = line[..<open].split(separator: " ")
            var rest = line[line.index(after: open)...].drop { $0 == " " }
            let lba = rest.prefix { $0.isNumber }
            rest = rest.dropFirst(lba.count).drop { $0 == " " }
            // The flags column; isoinfo overflows it for a multi-extent record (`FFFF` and no bracket).
            rest = rest.drop { $0.isHexDigit }
            if rest.first == "]" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " }
            var name = rest
            var target: String?
            if kind == .symlink, let arrow = rest.range(of: " -> ") {
                name = rest[..<arrow.lowerBound]
                target = String(rest[arrow.upperBound...])
            } else if name.hasSuffix(" ") {
                name = name.dropLast()
            }
            guard name != ".", name != "..", fields.count >= 5 else { continue }
            let plain = extensions == nil || extensions == "-J"
            rows.append(IsoinfoRow(
                path: RawPath(directory.isEmpty ? String(name) : directory + "/" + name),
                file: ListedFile(
                    kind: kind, permissions: plain ? nil : permissions, size: Int64(fields[4]), symlinkTarget: target),
                lba: UInt32(lba) ?? 0, recordSize: Int64(fields[4]) ?? -1))
        }
        return rows
    }

    /// `isoinfo -R -l` (or `-J`, or plain) as a listing: the records of a multi-extent file are summed, and
    /// directories relocated under `rr_moved` are put back where their CL placeholder stands (isoinfo shows the
    /// placeholder with the relocated directory's extent, but does not descend into it).
    static func isoinfo(_ image: String, extensions: String?) async throws -> Listing {
        let rows = try await isoinfoRows(image, extensions: extensions)
        var listing: Listing = [:]
        for row in rows {
            if var existing = listing[row.path], existing.kind == .regular, row.file.kind == .regular {
                existing.size = (existing.size ?? 0) + (row.file.size ?? 0)
                listing[row.path] = existing
            } else {
                listing[row.path] = row.file
            }
        }
        guard extensions == "-R" else { return listing }
        let relocation = RawPath("rr_moved")
        let movedPrefix = relocation.bytes + [UInt8(ascii: "/")]
        // The placeholder for each relocated directory: a zero-size directory outside rr_moved, by extent.
        var placeholders: [UInt32: RawPath] = [:]
        for row in rows where row.file.kind == .directory && row.recordSize == 0 && !row.path.bytes.starts(with: movedPrefix) {
            placeholders[row.lba] = row.path
        }
        var moves: [(from: [UInt8], to: [UInt8])] = []
        for row in rows where row.path.parent == relocation && row.file.kind == .directory {
            if let home = placeholders[row.lba], home != row.path { moves.append((row.path.bytes, home.bytes)) }
        }
        guard !moves.isEmpty else { return listing }
        var result: Listing = [:]
        for (path, file) in listing {
            var bytes = path.bytes
            for move in moves where bytes == move.from || bytes.starts(with: move.from + [UInt8(ascii: "/")]) {
                bytes = move.to + bytes.dropFirst(move.from.count)
            }
            result[RawPath(bytes: bytes)] = file
        }
        return result
    }

    // MARK: 7-Zip

    /// `7z l -slt`: names and sizes as 7-Zip reads them (it prefers the Joliet tree).
    static func sevenZip(_ image: String) async throws -> Listing {
        let output = try await Tool.run("7z", ["l", "-slt", "-sccUTF-8", image], environment: environment).stdout
        guard let start = output.range(of: "\n----------\n") else { throw FixtureFailure("7z printed no entries") }
        var listing: Listing = [:]
        for block in output[start.upperBound...].components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in block.split(separator: "\n") {
                guard let equals = line.range(of: " = ") else { continue }
                fields[String(line[..<equals.lowerBound])] = String(line[equals.upperBound...])
            }
            guard let path = fields["Path"] else { continue }
            let kind: EntryKind = fields["Folder"] == "+" ? .directory : .regular
            listing[RawPath(path)] = ListedFile(kind: kind, size: fields["Size"].flatMap { Int64($0) })
        }
        return listing
    }

    // MARK: bsdtar

    /// libarchive joins the components of a symbolic link target that spans several SL entries without the `/`
    /// between the last component of one entry and the first of the next (it does so on xorriso's images too);
    /// returns `expected` when `actual` is `expected` short of some slashes, else `actual`.
    static func libarchiveTarget(_ actual: String?, expected: String?) -> String? {
        guard let actual, let expected, actual.count < expected.count,
              actual.filter({ $0 != "/" }) == expected.filter({ $0 != "/" }) else { return actual }
        return expected
    }

    /// `listing` with each link target that libarchive shortened (see ``libarchiveTarget(_:expected:)``) replaced
    /// by the target in `reference`.
    static func forgivingLibarchiveTargets(_ listing: Listing, reference: Listing) -> Listing {
        var result = listing
        for (path, file) in listing where file.kind == .symlink {
            result[path]?.symlinkTarget = libarchiveTarget(file.symlinkTarget, expected: reference[path]?.symlinkTarget)
        }
        return result
    }

    /// `bsdtar tf` for the names, `bsdtar tvf` (same order) for kinds, permissions, link targets and device numbers;
    /// sizes are not reported because libarchive lists every later name of a hard-linked file with size 0.
    static func bsdtar(_ image: String) async throws -> Listing {
        let names = try await Tool.run("bsdtar", ["tf", image], environment: environment).stdout
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let lines = try await Tool.run("bsdtar", ["tvf", image], environment: environment).stdout
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard names.count == lines.count else {
            throw FixtureFailure("bsdtar tf lists \(names.count) entries, tvf \(lines.count)")
        }
        var listing: Listing = [:]
        for (escaped, line) in zip(names, lines) where escaped != "." {
            // libarchive prints a backslash in a name as two.
            let name = escaped.replacingOccurrences(of: "\\\\", with: "\\")
            guard let (kind, permissions) = mode(line.prefix(10)) else { continue }
            var target: String?
            if kind == .symlink, let arrow = line.range(of: " \(escaped) -> ", options: .backwards) {
                target = String(line[arrow.upperBound...])
            }
            let fields = line.split(separator: " ", maxSplits: 5)
            let device = fields.count > 4 ? ListedFile.device(fields[4], kind: kind) : nil
            listing[RawPath(name)] = ListedFile(kind: kind, permissions: permissions, symlinkTarget: target, device: device)
        }
        return listing
    }
}
