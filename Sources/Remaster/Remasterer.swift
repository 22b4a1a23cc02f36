import BinaryIO
import Foundation
import ISO9660
import LiveSystem

/// Remasters an ISO image: extracts its tree, applies deletions, patch trees, root layers and boot menu edits (in the
/// tree's GRUB and syslinux menus and in the ESP's `grub.cfg`), and writes a new image that keeps
/// the input's boot setup (every El Torito entry, the MBR boot code, the hybrid partition layout the writer can
/// reproduce) — without mounting anything and without root.
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
        let tree = work.path + "/tree"
        _ = try Extractor(image: image).extract(["/"], to: tree)
        try TreePatcher.delete(options.deletions, in: tree)
        var patched: [String] = []
        for patch in options.patches { patched += try TreePatcher.apply(patch, to: tree) }
        if !options.rootLayers.isEmpty {
            patched += try RootLayerAdder.add(
                options.rootLayers, layout: try LiveLayoutDetector.detect(image), tree: tree, image: options.input,
                fixedTime: options.sourceDateEpoch.map { UInt32(clamping: $0) })
        }
        var rootResult = RootEditResult()
        if !options.rootEdits.isEmpty {
            rootResult = try RootEditor.apply(
                options.rootEdits, layout: try LiveLayoutDetector.detect(image), image: image, overlay: tree, work: work.path,
                fixedTime: options.sourceDateEpoch.map { UInt32(clamping: $0) })
            try TreePatcher.delete(rootResult.deleted, in: tree)
            patched += rootResult.written + rootResult.rootFiles
        }
        var menuEdits = options.menuEdits
        menuEdits.xenConsoleEntries = menuEdits.xenConsoleEntries || options.rootEdits.hvc0

        let espImages = setup.entries.filter { $0.platform == .efi }.compactMap(\.treePath)
        patched += try MenuRewriter.apply(
            menuEdits, tree: tree, espImages: espImages, unixTime: options.sourceDateEpoch ?? Int64(time(nil)))

        var base = ISOWriterOptions()
        base.volumeID = options.volumeID ?? image.primary.text(image.primary.volumeIdentifier)
        base.rockRidge = image.hasRockRidge
        base.joliet = image.joliet != nil
        base.rootOwnership = !image.hasRockRidge
        base.sourceDateEpoch = options.sourceDateEpoch
        let replay = try setup.writerOptions(reading: image, base: base)
        let created = try ISOCreator.create(from: tree, to: options.output, options: replay.options, observer: progress)
        return RemasterReport(
            output: options.output, bytes: created.bytes, volumeID: base.volumeID,
            bootEntries: setup.entries.map { "\($0.platform) " + ($0.treePath ?? "LBA \($0.loadLBA)") },
            patched: Array(Set(patched)).sorted(), deleted: options.deletions + rootResult.deleted,
            notReplayed: replay.notReplayed + rootResult.notes)
    }
}
