import BinaryIO
import DiskFormats
import Foundation
import ISO9660
import LiveSystem

/// Applies ``MenuEdits`` to the boot menus of the image being remastered and to the `grub.cfg` files inside its EFI
/// system partition images; the edited files go into the overlay directory, the originals are only read.
enum MenuRewriter {
    /// Menu files inside an ESP image (FAT finds them whatever their case).
    static let espMenus = ["EFI/BOOT/grub.cfg", "boot/grub/grub.cfg"]

    /// Edits every menu file and returns the image paths it changed.
    /// - Parameters:
    ///   - edits: What to change.
    ///   - tree: The image's tree with the patches so far.
    ///   - overlay: The directory replacement files are written to, at their image paths.
    ///   - espImages: ESP images in the tree (absolute image paths of El Torito EFI entries).
    ///   - unixTime: The time stamped on entries of a rewritten ESP.
    /// - Throws: ``RemasterError/badMenu(path:reason:)`` naming the file for a menu that can't be read or edited.
    static func apply(
        _ edits: MenuEdits, tree: SourceTree, overlay: String, espImages: [String], unixTime: Int64
    ) throws -> [String] {
        guard !edits.isEmpty else { return [] }
        var changed: [String] = []
        for directory in LiveLayoutDetector.configDirectories {
            guard let folder = tree.node(at: directory), folder.isDirectory else { continue }
            for file in folder.children where file.kind == .regular && file.name.hasSuffix(".cfg") {
                let path = directory + "/" + file.name
                let original = try TreeFile.contents(of: file, path: path)
                let edited = try edit(original, path: path, grub: isGrub(path))
                guard edited != original else { continue }
                try TreeFile.write(edited, to: overlay + path)
                changed.append(path)
            }
        }
        for esp in espImages {
            guard let node = tree.node(at: esp), node.kind == .regular else { continue }
            changed += try editESP(esp, node: node, overlay: overlay, edits: edits, unixTime: unixTime)
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

    /// Edits the GRUB menus inside the FAT image `node` (at `esp` in the image) into a copy under `overlay`; no copy
    /// is left when nothing changes.
    private static func editESP(
        _ esp: String, node: SourceNode, overlay: String, edits: MenuEdits, unixTime: Int64
    ) throws -> [String] {
        let host = overlay + esp
        let copied = !FileManager.default.fileExists(atPath: host)
        if copied { try TreeFile.copy(node, to: host) }
        let changed = try editFAT(at: host, named: esp, edits: edits, unixTime: unixTime)
        if changed.isEmpty, copied { try FileManager.default.removeItem(atPath: host) }
        return changed
    }

    /// Edits the GRUB menus inside the EFI boot images the replay read out of the input as bytes (ESPs that are
    /// no file of the tree, e.g. an appended partition), in `bootImages`.
    /// - Parameters:
    ///   - indices: The entries of `bootImages` that hold bytes (``BootReplay/extractedEntries``).
    ///   - work: A directory for the images while they are edited.
    /// - Returns: `ENTRY:/MENU` for each menu changed, ENTRY being the boot image's name in the replay.
    static func applyToExtractedESPs(
        _ edits: MenuEdits, bootImages: inout [BootImageOptions], indices: [Int], work: String, unixTime: Int64
    ) throws -> [String] {
        guard !edits.isEmpty else { return [] }
        var changed: [String] = []
        for index in indices where bootImages[index].firmware == .efi {
            guard let contents = bootImages[index].contents else { continue }
            let host = work + "/esp-\(index).img"
            try TreeFile.write(contents, to: host)
            let edited = try editFAT(at: host, named: bootImages[index].path, edits: edits, unixTime: unixTime)
            guard !edited.isEmpty else { continue }
            bootImages[index].contents = Array(try Data(contentsOf: URL(fileURLWithPath: host)))
            changed += edited
        }
        return changed
    }

    /// Edits the GRUB menus inside the FAT image at `host` in place; `name` is how messages and the result call it.
    private static func editFAT(at host: String, named name: String, edits: MenuEdits, unixTime: Int64) throws -> [String] {
        let volume = try FATImage(reader: ImageReader(path: host))
        var builder: FATImageBuilder?
        var changed: [String] = []
        for menu in espMenus {
            guard let original = try? volume.read(menu) else { continue }
            let edited: [UInt8]
            do {
                edited = try edits.applied(toGrub: original)
            } catch {
                throw RemasterError.badMenu(path: name + ":/" + menu, reason: "\(error)")
            }
            guard edited != original else { continue }
            if builder == nil { builder = try FATImageBuilder(copying: volume, unixTime: unixTime) }
            try builder?.replaceFile(menu, contents: edited)
            changed.append(name + ":/" + menu)
        }
        try builder?.write(to: host)
        return changed
    }
}
