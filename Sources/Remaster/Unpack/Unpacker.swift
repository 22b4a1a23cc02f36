import BinaryIO
import Foundation
import ISO9660
import LiveSystem
import SquashFS

/// `isokit unpack`: the first half of the two-step remaster. Unpacks an ISO image into a directory a user edits with
/// ordinary tools, and ``Repacker`` writes it back as an image with the same boot setup:
///
/// - `tree/`: the ISO 9660 tree, as `isokit extract --all` writes it;
/// - `root/`: the live root file system — the family's top root image (Debian live's `filesystem.squashfs`,
///   archiso's `airootfs.sfs`, casper's last `*.squashfs`, an isokit image's highest layer), extracted by
///   ``SquashFSExtractor``;
/// - `boot/entry-N.img`: boot images that are not files of the tree (e.g. an appended EFI partition);
/// - `isokit-unpack.json`: the ``UnpackDescription``.
///
/// ```swift
/// let report = try Unpacker.unpack(image: "debian-live.iso", to: "work")
/// // … edit work/root/etc/motd …
/// try Repacker.repack(directory: "work", to: "new.iso")
/// ```
public enum Unpacker {
    /// Unpacks `image` into `directory`, which must be empty or missing; on failure, what was written is removed.
    /// - Parameters:
    ///   - image: The ISO image (read, never changed).
    ///   - directory: The unpack directory.
    ///   - includeRoot: Whether to extract the live root into `root/`.
    ///   - progress: Sees bytes and files while the tree and then the root are extracted.
    /// - Returns: What was written.
    /// - Throws: ``UnpackError/directoryNotEmpty(path:)``; `ImageError` for an input that is not an ISO image or
    ///   is damaged; `SquashFSTreeError` or `SquashFSError` for a root image that can't be extracted; `IOError`
    ///   naming a host path.
    @discardableResult
    public static func unpack(
        image path: String, to directory: String, includeRoot: Bool = true,
        progress: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> UnpackReport {
        let existed = FileManager.default.fileExists(atPath: directory)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw UnpackError.directoryNotEmpty(path: directory)
        }
        let image = try ISOImage(path: path)
        do {
            return try unpack(image, to: directory, includeRoot: includeRoot, progress: progress)
        } catch {
            // The directory was empty or missing, so everything in it now is ours.
            let manager = FileManager.default
            if existed {
                for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] {
                    try? manager.removeItem(atPath: directory + "/" + name)
                }
            } else {
                try? manager.removeItem(atPath: directory)
            }
            throw error
        }
    }

    private static func unpack(
        _ image: ISOImage, to directory: String, includeRoot: Bool, progress: (@Sendable (ProgressSnapshot) -> Void)?
    ) throws -> UnpackReport {
        let setup = try BootSetup(image: image)
        let layout: LiveLayout?
        do {
            layout = try LiveLayoutDetector.detect(image)
        } catch is LiveLayoutError {
            layout = nil
        }
        let tree = try Extractor(image: image, observer: progress).extract(["/"], to: directory + "/tree")
        let bootImages = try saveBootImages(setup, of: image, in: directory)
        var root: UnpackDescription.Root?
        if includeRoot, let top = layout?.rootImages.last {
            let extracted = try SquashFSExtractor.extract(image: directory + "/tree" + top, to: directory + "/root", observer: progress)
            root = .init(
                treePath: top, compressor: extracted.compressor?.rawValue, compressorID: extracted.compressorID,
                blockSizeBytes: extracted.blockSizeBytes, metadata: extracted.metadata)
        }
        let status = try FileManager.default.attributesOfItem(atPath: image.path)
        let volumeID = image.primary.text(image.primary.volumeIdentifier)
        let description = UnpackDescription(
            input: .init(
                path: image.path, sizeBytes: image.reader.size,
                modificationTime: Int64((status[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)),
            volumeID: volumeID, rockRidge: image.hasRockRidge, joliet: image.joliet != nil, bootSetup: setup,
            bootImages: bootImages, layout: layout, root: root)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = Array(try encoder.encode(description))
        try AtomicFile.write(to: directory + "/" + UnpackDescription.fileName) { descriptor, temporary in
            try FileCopier.write(json, to: descriptor, at: 0, path: temporary)
        }
        return UnpackReport(
            directory: directory, volumeID: volumeID, family: layout?.family.rawValue, rootImage: root?.treePath,
            rootEntries: root?.metadata.entries.count ?? 0, treeFiles: tree.files + tree.directories,
            treeBytes: tree.bytes, bootImages: bootImages.map(\.file), bootEntries: setup.bootEntryLabels)
    }

    /// Writes the boot images that are not files of the tree to `directory/boot/entry-N.img`.
    private static func saveBootImages(
        _ setup: BootSetup, of image: ISOImage, in directory: String
    ) throws -> [UnpackDescription.BootImageFile] {
        let replay = try setup.writerOptions(reading: image)
        var saved: [UnpackDescription.BootImageFile] = []
        for index in replay.extractedEntries {
            guard let contents = replay.options.bootImages[index].contents else { continue }
            let file = "boot/entry-\(index + 1).img"
            try FileManager.default.createDirectory(atPath: directory + "/boot", withIntermediateDirectories: true)
            try AtomicFile.write(to: directory + "/" + file) { descriptor, temporary in
                try FileCopier.write(contents, to: descriptor, at: 0, path: temporary)
            }
            saved.append(.init(entry: index, file: file, sizeBytes: Int64(contents.count)))
        }
        return saved
    }
}

extension BootSetup {
    /// Each entry as `platform path-or-LBA`, for reports.
    var bootEntryLabels: [String] { entries.map { "\($0.platform) " + ($0.treePath ?? "LBA \($0.loadLBA)") } }
}
