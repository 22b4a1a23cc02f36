import BinaryIO
import DiskFormats
import Foundation
import LiveSystem

/// Applies ``MenuEdits`` to the boot menus of an extracted image tree and to the `grub.cfg` files inside its EFI
/// system partition images.
enum MenuRewriter {
    /// Menu files inside an ESP image (FAT finds them whatever their case).
    static let espMenus = ["EFI/BOOT/grub.cfg", "boot/grub/grub.cfg"]

    /// Edits every menu file and returns the image paths it changed.
    /// - Parameters:
    ///   - edits: What to change.
    ///   - tree: The extracted image tree.
    ///   - espImages: ESP images in the tree (absolute image paths of El Torito EFI entries).
    ///   - unixTime: The time stamped on entries of a rewritten ESP.
    /// - Throws: ``RemasterError/badMenu(path:reason:)`` naming the file for a menu that can't be read or edited.
    static func apply(_ edits: MenuEdits, tree: String, espImages: [String], unixTime: Int64) throws -> [String] {
        guard !edits.isEmpty else { return [] }
        var changed: [String] = []
        for directory in LiveLayoutDetector.configDirectories {
            let host = tree + directory
            guard HostPath.isDirectory(host) else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: host).sorted() where name.hasSuffix(".cfg") {
                let path = directory + "/" + name
                guard HostPath.isReadableFile(tree + path) else { continue }
                let original = try Array(Data(contentsOf: URL(fileURLWithPath: tree + path)))
                let edited = try edit(original, path: path, grub: isGrub(path))
                guard edited != original else { continue }
                try Data(edited).write(to: URL(fileURLWithPath: tree + path))
                changed.append(path)
            }
        }
        for esp in espImages where HostPath.isReadableFile(tree + esp) {
            changed += try editESP(esp, tree: tree, edits: edits, unixTime: unixTime)
        }
        return changed

        func edit(_ bytes: [UInt8], path: String, grub: Bool) throws -> [UInt8] {
            do {
                return grub ? try edits.applied(toGrub: bytes) : try edits.applied(toSyslinux: bytes)
            } catch {
                throw RemasterError.badMenu(path: path, reason: "\(error)")
            }
        }
    }

    /// Whether a menu file is a GRUB script (by name and folder) rather than a syslinux config.
    static func isGrub(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name == "grub.cfg" || name == "loopback.cfg" || path.lowercased().contains("/grub")
    }

    /// Edits the GRUB menus inside the FAT image at `esp` (an image path) and writes the image back in place.
    private static func editESP(_ esp: String, tree: String, edits: MenuEdits, unixTime: Int64) throws -> [String] {
        let host = tree + esp
        let volume = try FATImage(reader: ImageReader(path: host))
        var builder: FATImageBuilder?
        var changed: [String] = []
        for menu in espMenus {
            guard let original = try? volume.read(menu) else { continue }
            let edited: [UInt8]
            do {
                edited = try edits.applied(toGrub: original)
            } catch {
                throw RemasterError.badMenu(path: esp + ":/" + menu, reason: "\(error)")
            }
            guard edited != original else { continue }
            if builder == nil { builder = try FATImageBuilder(copying: volume, unixTime: unixTime) }
            try builder?.replaceFile(menu, contents: edited)
            changed.append(esp + ":/" + menu)
        }
        try builder?.write(to: host)
        return changed
    }
}
