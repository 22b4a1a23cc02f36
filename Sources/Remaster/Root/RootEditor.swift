import BinaryIO
import Crypto
import Foundation
import ISO9660
import LiveSystem
import SquashFS

/// Applies ``RootEdits`` to the live root of any family: the files the edits make (console login, password) are
/// worked out by reading the root's squashfs images straight out of the ISO, then either packed as one new top
/// layer (isokit images) or merged into a rebuilt top root image (archiso, Debian live, casper), whose checksum
/// and size files are updated.
public enum RootEditor {
    /// Applies `edits`, writing every new or replaced file under `overlay` at its image path.
    /// - Parameters:
    ///   - edits: What to change.
    ///   - layout: The input's live layout (``LiveLayoutDetector/detect(_:)``).
    ///   - image: The input image; root images are read from it in place, never from an extracted tree.
    ///   - overlay: The directory that receives the files to put in the output, at their image paths.
    ///   - work: A scratch directory; the edited root files are staged in `work/root-edits`.
    ///   - fixedTime: The time for new entries and super blocks, if any.
    /// - Returns: The files written, the image paths that must be left out and notes for the user.
    /// - Throws: ``RemasterError`` (a bad hash, a missing patch directory, a fragmented root image, no root
    ///   account, no init for hvc0); `SquashFSError` and `ImageError` naming the damaged image.
    public static func apply(
        _ edits: RootEdits, layout: LiveLayout, image: ISOImage, overlay: String, work: String, fixedTime: UInt32?
    ) throws -> RootEditResult {
        guard !edits.isEmpty else { return RootEditResult() }
        if let hash = edits.rootPasswordHash { try PasswordHash.validate(hash) }
        for directory in edits.patchDirectories where !HostPath.isDirectory(directory) {
            throw RemasterError.badPatch(path: directory, reason: "a root patch must be a directory")
        }
        guard let top = layout.rootImages.last else {
            throw LiveLayoutError.noLiveRoot(image: image.path, looked: [])
        }
        let layers = try layout.rootImages.reversed().map { try source(of: $0, in: image) }
        var view = RootView(patches: edits.patchDirectories.reversed(), layers: layers)
        let staging = work + "/root-edits"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let day = Int(fixedTime.map(Int64.init) ?? Int64(Date().timeIntervalSince1970)) / 86_400
        if layout.family == .isokit {
            // One new layer holds the patches and the edited files.
            for patch in edits.patchDirectories { _ = try HostTreeCopier.copy(patch, over: staging) }
        }
        let changed = try RootFiles.write(edits, view: &view, image: image.path, to: staging, day: day)
        var result = RootEditResult()
        if layout.family == .isokit {
            result.written = try RootLayerAdder.add([staging], layout: layout, tree: overlay, image: image.path, fixedTime: fixedTime)
            result.rootFiles = changed.map { (result.written.first ?? top) + ":/" + $0 }
            result.written.append("/live/layers.list")
            return result
        }
        result.rootFiles = changed.map { top + ":/" + $0 }
        let output = overlay + top
        try FileManager.default.createDirectory(
            atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let topSource = layers[0]
        let options = try SquashFSOptions(matching: topSource, ownership: LiveOwnership.hostTreeDefault, fixedTime: fixedTime)
        try SquashFSBuilder.build(
            fromImage: topSource, changes: SquashFSChanges(overlays: edits.patchDirectories + [staging]), to: output,
            options: options)
        result.written.append(top)
        try Sidecars.update(for: top, image: image, overlay: overlay, result: &result)
        return result
    }

    /// The root image at `path` as a squashfs source inside the ISO.
    /// - Throws: ``RemasterError/fragmentedRootImage(image:path:extents:)`` unless its extents are back to back.
    static func source(of path: String, in image: ISOImage) throws -> SquashFSImageSource {
        let entry = try image.entry(at: path)
        guard let first = entry.extents.first else {
            return SquashFSImageSource(path: image.path, offset: 0, sizeBytes: 0)
        }
        var next = UInt64(first.lba)
        var total: Int64 = 0
        for extent in entry.extents {
            guard UInt64(extent.lba) == next, extent == entry.extents.last || extent.length % 2048 == 0 else {
                throw RemasterError.fragmentedRootImage(image: image.path, path: path, extents: entry.extents.count)
            }
            next += UInt64(extent.length) / 2048
            total += Int64(extent.length)
        }
        return SquashFSImageSource(path: image.path, offset: first.byteOffset, sizeBytes: total)
    }
}
