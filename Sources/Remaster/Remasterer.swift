import BinaryIO
import Foundation
import ISO9660
import LiveSystem

/// Remasters an ISO image: applies deletions, patch trees, root layers and boot menu edits (in the tree's GRUB and
/// syslinux menus and in the ESP's `grub.cfg`) to the image's tree, and writes a new image that keeps the input's
/// boot setup (every El Torito entry, the MBR boot code, the hybrid partition layout the writer can reproduce) —
/// without mounting anything and without root. Nothing is extracted: unchanged files are copied straight from the
/// input with `copy_file_range`, and only what changes is written to a work directory first.
public enum Remasterer {
    /// Remasters `options.input` into `options.output`.
    /// - Parameters:
    ///   - options: The input, output and changes.
    ///   - progress: Sees bytes and files while the new image is written.
    /// - Returns: What was written and what of the boot setup could not be carried over.
    /// - Throws: ``RemasterError`` for bad options, ``ImageError`` for a damaged input, host errors naming their file.
    ///   Nothing is left at the output and the work directory beside it is removed on failure.
    public static func remaster(
        _ options: RemasterOptions, progress: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> RemasterReport {
        let input = URL(fileURLWithPath: options.input).standardizedFileURL.resolvingSymlinksInPath().path
        let output = URL(fileURLWithPath: options.output).standardizedFileURL.resolvingSymlinksInPath().path
        guard input != output else { throw RemasterError.outputIsInput(path: options.output) }
        for patch in options.patches where !HostPath.isDirectory(patch) {
            throw RemasterError.badPatch(path: patch, reason: "not a directory")
        }
        let image = try ISOImage(path: options.input)
        let setup = try BootSetup(image: image)

        let work = try WorkDirectory(near: options.output)
        defer { work.remove() }
        var tree = try SourceTree(image: image)
        try TreePatcher.delete(options.deletions, from: &tree)
        var patched: [String] = []
        for patch in options.patches { patched += try TreePatcher.apply(patch, to: &tree) }

        // Files the remaster makes itself go to the overlay, then over the tree; the rest is read from the input.
        let overlay = work.path + "/overlay"
        try FileManager.default.createDirectory(atPath: overlay, withIntermediateDirectories: false)
        if !options.rootLayers.isEmpty {
            _ = try RootLayerAdder.add(
                options.rootLayers, layout: try LiveLayoutDetector.detect(image), tree: overlay, image: options.input,
                fixedTime: options.sourceDateEpoch.map { UInt32(clamping: $0) })
        }
        let espImages = setup.entries.filter { $0.platform == .efi }.compactMap(\.treePath)
        let edited = try MenuRewriter.apply(
            options.menuEdits, tree: tree, overlay: overlay, espImages: espImages,
            unixTime: options.sourceDateEpoch ?? Int64(time(nil)))
        patched += try TreePatcher.applyReplacements(overlay, to: &tree) + edited.filter { $0.contains(":/") }
        let checksums = try ChecksumListRefresher.refresh(
            tree, changed: Set(patched + options.deletions), overlay: work.path + "/checksums")
        if !checksums.isEmpty { patched += try TreePatcher.applyReplacements(work.path + "/checksums", to: &tree) }

        var base = ISOWriterOptions()
        base.volumeID = options.volumeID ?? image.primary.text(image.primary.volumeIdentifier)
        base.rockRidge = image.hasRockRidge
        base.joliet = image.joliet != nil
        base.rootOwnership = !image.hasRockRidge
        base.sourceDateEpoch = options.sourceDateEpoch
        var replay = try setup.writerOptions(reading: image, base: base)
        patched += try MenuRewriter.applyToExtractedESPs(
            options.menuEdits, bootImages: &replay.options.bootImages, indices: replay.extractedEntries, work: work.path,
            unixTime: options.sourceDateEpoch ?? Int64(time(nil)))
        let created = try ISOCreator.create(tree: tree, to: options.output, options: replay.options, observer: progress)
        return RemasterReport(
            output: options.output, bytes: created.bytes, volumeID: base.volumeID,
            bootEntries: setup.entries.map { "\($0.platform) " + ($0.treePath ?? "LBA \($0.loadLBA)") },
            patched: Array(Set(patched)).sorted(), deleted: options.deletions, notReplayed: replay.notReplayed)
    }
}
