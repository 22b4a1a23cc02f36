import Foundation
import ISO9660
import LiveSystem
import Remaster

/// A copy of a live ISO that logs in on the Xen console (`xen guest --hvc0`): the remaster's `--hvc0` root edit,
/// written beside the guest's files, so the guest boots the copy instead of the original.
public enum XenConsoleImage {
    /// Where the copy of `image` goes in `directory`: `hvc0/` with the image's own file name, so a guest named
    /// after its image keeps that name.
    public static func path(for image: String, directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("hvc0")
            .appendingPathComponent((image as NSString).lastPathComponent).path
    }

    /// Writes the hvc0 copy of `image` into `directory` (see ``path(for:directory:)``), or returns `image` unchanged
    /// for an isokit image (its init starts a getty on hvc0 by itself under Xen).
    /// - Returns: The image the guest should boot, and a note for the user.
    /// - Throws: ``LiveLayoutError`` when the image has no live root to edit; ``RemasterError`` and the errors of
    ///   ``Remasterer/remaster(_:progress:)``.
    public static func prepare(image: String, directory: String) throws -> (image: String, note: String) {
        let layout = try LiveLayoutDetector.detect(ISOImage(path: image))
        guard layout.family != .isokit else {
            return (image, "\(image) is an isokit image: its init starts a getty on hvc0 under Xen by itself")
        }
        let output = path(for: image, directory: directory)
        try FileManager.default.createDirectory(
            atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var options = RemasterOptions(input: image, output: output)
        options.rootEdits = RootEdits(patchDirectories: [], hvc0: true, rootPasswordHash: nil)
        let report = try Remasterer.remaster(options)
        return (report.output, "wrote \(report.output): \(layout.family.rawValue) root with a login on hvc0")
    }
}
