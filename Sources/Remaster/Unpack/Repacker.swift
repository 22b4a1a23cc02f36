import BinaryIO
import Foundation
import ISO9660
import LiveSystem
import SquashFS

/// `isokit repack`: the second half of the two-step remaster (see ``Unpacker``). Writes an image from an unpack
/// directory with the boot setup its ``UnpackDescription`` records.
///
/// If `root/` differs from the unpacked root (``SquashFSBuilder/changes(in:against:)``: paths added or removed,
/// sizes, modification times, permissions, link targets), the root image is rebuilt from it with the original
/// compressor and block size, restoring the recorded owners, modes and device nodes for entries that are still
/// there (new entries are owned by root), and replaces its copy in `tree/`. Otherwise the image in `tree/` is
/// written byte for byte as it was.
public enum Repacker {
    /// Writes the image of the unpack directory `directory` to `output`.
    /// - Parameters:
    ///   - directory: A directory made by ``Unpacker/unpack(image:to:includeRoot:progress:)``.
    ///   - output: The image to write (atomically).
    ///   - sourceDateEpoch: A fixed time for the ISO 9660 time stamps (the root image keeps its entries' times).
    ///   - progress: Sees bytes and files while the root image and then the ISO image are written.
    /// - Returns: What was written.
    /// - Throws: ``UnpackError`` for a missing, damaged or newer description, a missing file or an output inside
    ///   `tree/`; SquashFS errors
    ///   while rebuilding the root; `IOError` naming a host path.
    @discardableResult
    public static func repack(
        directory: String, to output: String, sourceDateEpoch: Int64? = nil,
        progress: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> RepackReport {
        let description = try read(directory)
        let tree = directory + "/tree"
        guard HostPath.isDirectory(tree) else { throw UnpackError.missingFile(path: tree) }
        let resolvedTree = URL(fileURLWithPath: tree).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let outputParent = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().path + "/"
        guard !outputParent.hasPrefix(resolvedTree) else { throw UnpackError.outputInsideTree(path: output) }

        var changes: [String] = []
        var rebuilt: String?
        if let root = description.root, HostPath.isDirectory(directory + "/root") {
            changes = try SquashFSBuilder.changes(in: directory + "/root", against: root.metadata)
            if !changes.isEmpty {
                guard let compressor = root.compressor.flatMap(SquashFSCompressor.init(rawValue:)) else {
                    throw UnpackError.unsupportedCompressor(path: directory + "/root", id: root.compressorID)
                }
                var options = SquashFSOptions(compressor: compressor, blockSizeBytes: root.blockSizeBytes, ownership: .root)
                options.fixedTime = nil  // keep every entry's own time
                try SquashFSBuilder.build(
                    from: directory + "/root", restoring: root.metadata, to: tree + root.treePath, options: options,
                    observer: progress)
                rebuilt = root.treePath
            }
        }

        var base = ISOWriterOptions()
        base.volumeID = description.volumeID
        base.rockRidge = description.rockRidge
        base.joliet = description.joliet
        base.rootOwnership = !description.rockRidge
        base.sourceDateEpoch = sourceDateEpoch
        let files = Dictionary(description.bootImages.map { ($0.entry, $0.file) }, uniquingKeysWith: { first, _ in first })
        let replay = try description.bootSetup.writerOptions(base: base) { index, _ in
            guard let file = files[index] else { throw UnpackError.missingFile(path: directory + "/boot/entry-\(index + 1).img") }
            return try readBootImage(directory + "/" + file)
        }
        let created = try ISOCreator.create(from: tree, to: output, options: replay.options, observer: progress)
        return RepackReport(
            output: output, bytes: created.bytes, volumeID: description.volumeID,
            bootEntries: description.bootSetup.bootEntryLabels, rebuiltRoot: rebuilt, rootChanges: changes,
            notReplayed: replay.notReplayed)
    }

    /// Reads and checks `DIR/isokit-unpack.json`.
    /// - Throws: ``UnpackError/missingDescription(path:)``, ``UnpackError/unsupportedVersion(path:version:supported:)``,
    ///   ``UnpackError/corruptDescription(path:reason:)``.
    public static func read(_ directory: String) throws -> UnpackDescription {
        let path = directory + "/" + UnpackDescription.fileName
        guard HostPath.isReadableFile(path) else { throw UnpackError.missingDescription(path: directory) }
        let reader = try ImageReader(path: path)
        guard reader.size <= 1 << 30 else { throw UnpackError.corruptDescription(path: path, reason: "larger than 1 GiB") }
        let bytes = Data(try reader.read(at: 0, count: Int(reader.size), structure: "unpack description"))
        let decoder = JSONDecoder()
        let version: Int
        do {
            version = try decoder.decode(UnpackFormatVersion.self, from: bytes).formatVersion
        } catch {
            throw UnpackError.corruptDescription(path: path, reason: reason(error))
        }
        guard version <= UnpackDescription.currentFormatVersion else {
            throw UnpackError.unsupportedVersion(path: path, version: version, supported: UnpackDescription.currentFormatVersion)
        }
        let description: UnpackDescription
        do {
            description = try decoder.decode(UnpackDescription.self, from: bytes)
        } catch {
            throw UnpackError.corruptDescription(path: path, reason: reason(error))
        }
        // Paths from the file are only ever joined under the unpack directory, never followed out of it.
        if let root = description.root, !isClean(root.treePath, absolute: true) {
            throw UnpackError.corruptDescription(path: path, reason: "root.treePath \(String(reflecting: root.treePath)) is not a clean path")
        }
        for image in description.bootImages where !isClean(image.file, absolute: false) {
            throw UnpackError.corruptDescription(path: path, reason: "bootImages file \(String(reflecting: image.file)) is not a clean path")
        }
        return description
    }

    /// Whether `path` is absolute (or relative) as asked, with no empty, `.` or `..` components.
    private static func isClean(_ path: String, absolute: Bool) -> Bool {
        guard path.hasPrefix("/") == absolute else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(absolute ? 1 : 0)
        return !components.isEmpty && !components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// A decoding error as one short sentence with the JSON path.
    private static func reason(_ error: any Error) -> String {
        let context: DecodingError.Context
        let what: String
        switch error {
        case DecodingError.dataCorrupted(let found): (context, what) = (found, "bad JSON")
        case DecodingError.keyNotFound(let key, let found): (context, what) = (found, "no \"\(key.stringValue)\"")
        case DecodingError.typeMismatch(_, let found), DecodingError.valueNotFound(_, let found):
            (context, what) = (found, found.debugDescription)
        default: return "\(error)"
        }
        return context.codingPath.isEmpty ? what : what + " at " + context.codingPath.map(\.stringValue).joined(separator: ".")
    }

    /// A saved boot image's bytes, at most ``BootSetup/maximumExtractedBytes``.
    private static func readBootImage(_ path: String) throws -> [UInt8] {
        guard HostPath.isReadableFile(path) else { throw UnpackError.missingFile(path: path) }
        let reader = try ImageReader(path: path)
        guard reader.size <= Int64(BootSetup.maximumExtractedBytes) else {
            throw UnpackError.corruptDescription(path: path, reason: "boot image larger than \(BootSetup.maximumExtractedBytes) bytes")
        }
        return try reader.read(at: 0, count: Int(reader.size), structure: "boot image")
    }
}
