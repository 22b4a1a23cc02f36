import Foundation
import ISO9660
import TestSupport

/// Reads an image with pycdlib (python3): its Rock Ridge and Joliet trees, with checksums of small files' contents
/// read through pycdlib.
struct PycdlibReport: Decodable, Sendable {
    /// One record as pycdlib sees it.
    struct Entry: Decodable, Sendable {
        /// Path without the leading slash.
        var path: String
        var directory: Bool
        /// The record's data length; for a multi-extent file pycdlib gives only its last extent's.
        var size: Int64
        /// The Rock Ridge PX mode, with type bits.
        var mode: UInt32?
        var target: String?
        /// ``ContentCompare/checksum(_:)`` of the contents, as decimal text, for files up to the limit.
        var checksum: String?
    }

    var rockRidge: [Entry]
    var joliet: [Entry]

    /// The walk, in Python: `walk(rr_path=…)` and `walk(joliet_path=…)`, then `open_file_from_iso` for contents.
    static let script = """
        import json, sys, pycdlib
        def fnv(data):
            h = 0xcbf29ce484222325
            for b in data:
                h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
            return str(h)
        iso = pycdlib.PyCdlib()
        iso.open(sys.argv[1])
        limit = int(sys.argv[2])
        out = {"rockRidge": [], "joliet": []}
        def walk(tree, key):
            for root, dirs, files in iso.walk(**{key: "/"}):
                for name in dirs + files:
                    path = root.rstrip("/") + "/" + name
                    record = iso.get_record(**{key: path})
                    entry = {"path": path[1:], "directory": record.is_dir(), "size": record.get_data_length()}
                    rr = record.rock_ridge if key == "rr_path" else None
                    special = False
                    if rr is not None:
                        entry["mode"] = rr.get_file_mode()
                        special = (entry["mode"] & 0o170000) != 0o100000
                        if record.is_symlink():
                            entry["target"] = rr.symlink_path().decode("utf-8")
                    if not record.is_dir() and not special and record.get_data_length() <= limit:
                        with iso.open_file_from_iso(**{key: path}) as f:
                            entry["checksum"] = fnv(f.read())
                    out[tree].append(entry)
        if iso.has_rock_ridge():
            walk("rockRidge", "rr_path")
        if iso.has_joliet():
            walk("joliet", "joliet_path")
        iso.close()
        json.dump(out, sys.stdout)
        """

    /// Runs the script on `image`, reading contents of files up to `contentLimit` bytes.
    static func read(_ image: String, contentLimit: Int64 = 64 << 10) async throws -> PycdlibReport {
        let result = try await Tool.run(
            "python3", ["-c", script, image, "\(contentLimit)"], environment: OracleReaders.environment)
        return try JSONDecoder().decode(PycdlibReport.self, from: Data(result.standardOutputBytes))
    }

    /// The Rock Ridge tree as a listing (kinds and permissions from PX, link targets from SL).
    var rockRidgeListing: Listing {
        Dictionary(uniqueKeysWithValues: rockRidge.map { entry in
            let kind = entry.mode.flatMap { EntryKind(mode: $0) } ?? (entry.directory ? .directory : .regular)
            return (RawPath(entry.path), ListedFile(
                kind: kind, permissions: entry.mode.map { $0 & 0o7777 }, size: entry.size, symlinkTarget: entry.target))
        })
    }

    /// The Joliet tree as a listing (kinds and sizes only).
    var jolietListing: Listing {
        Dictionary(uniqueKeysWithValues: joliet.map { entry in
            (RawPath(entry.path), ListedFile(kind: entry.directory ? .directory : .regular, size: entry.size))
        })
    }

    /// Content checksums by path in `entries`.
    static func checksums(_ entries: [Entry]) -> [RawPath: UInt64] {
        var result: [RawPath: UInt64] = [:]
        for entry in entries { if let text = entry.checksum, let value = UInt64(text) { result[RawPath(entry.path)] = value } }
        return result
    }
}
