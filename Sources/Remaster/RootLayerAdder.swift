import Foundation
import ISO9660
import LiveSystem
import SquashFS

/// Adds directories to an isokit image's live root as new squashfs layers on top of the existing ones, and lists
/// them in `/live/layers.list`, so the init stacks them last (highest); the existing layers stay byte for byte.
enum RootLayerAdder {
    /// Packs each of `directories` into `tree/live/NN-NAME.squashfs` after the highest existing number.
    /// - Parameters:
    ///   - directories: The layer sources, lowest first.
    ///   - layout: The input's live layout; must be isokit's.
    ///   - tree: The directory the new files go to, at their image paths.
    ///   - image: The input path, for messages.
    ///   - fixedTime: The time stamped on every entry, if any.
    /// - Returns: The new layers' paths in the image.
    /// - Throws: ``RemasterError/rootChangeUnsupported(image:family:)`` for other families,
    ///   ``RemasterError/badPatch(path:reason:)`` for a source that is not a directory; SquashFS errors.
    static func add(
        _ directories: [String], layout: LiveLayout, tree: String, image: String, fixedTime: UInt32?
    ) throws -> [String] {
        guard !directories.isEmpty else { return [] }
        guard layout.family == .isokit else {
            throw RemasterError.rootChangeUnsupported(image: image, family: layout.family.rawValue)
        }
        var names = layout.rootImages.map { ($0 as NSString).lastPathComponent }
        var number = names.compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
        var added: [String] = []
        try FileManager.default.createDirectory(atPath: tree + "/live", withIntermediateDirectories: true)
        for directory in directories {
            guard HostPath.isDirectory(directory) else {
                throw RemasterError.badPatch(path: directory, reason: "a root layer must be a directory")
            }
            number += 10
            let name = "\(number)-" + LayerName.sanitized(directory) + ".squashfs"
            try SquashFSBuilder.build(
                from: directory, to: tree + "/live/" + name,
                options: SquashFSOptions(fixedTime: fixedTime, ownership: LiveOwnership.hostTreeDefault))
            names.append(name)
            added.append("/live/" + name)
        }
        try Data(names.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: tree + "/live/layers.list"))
        return added
    }
}
