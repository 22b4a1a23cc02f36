import BootConfig
import ISO9660
import LiveSystem

/// The boot menus of an image, read and ordered the way a guest's entry is chosen: GRUB's `grub.cfg` (under
/// `/boot/grub` first), then `loopback.cfg`, then syslinux files (`isolinux.cfg`/`syslinux.cfg` first).
struct ImageMenus {
    /// One readable menu file.
    struct Menu {
        var path: String
        var entries: [BootMenuEntry]
        var defaultEntry: BootMenuEntry?
    }

    var menus: [Menu] = []
    /// Every menu file looked at, with `(unreadable: reason)` for one that failed to parse.
    var looked: [String] = []

    init(image: ISOImage) throws {
        var paths: [String] = []
        for directory in LiveLayoutDetector.configDirectories {
            guard let entry = try? image.entry(at: directory), entry.kind == .directory else { continue }
            paths += try image.list(entry).filter { $0.kind == .regular && $0.name.lowercased().hasSuffix(".cfg") }.map(\.path)
        }
        for path in paths.sorted(by: { Self.rank($0) < Self.rank($1) }) {
            let bytes = try image.contents(of: path, limitBytes: 1 << 20)
            if Self.isGrub(path) {
                do {
                    let document = try GrubMenuDocument(bytes: bytes)
                    menus.append(Menu(path: path, entries: document.bootEntries(), defaultEntry: document.defaultEntry()))
                    looked.append(path)
                } catch {
                    looked.append("\(path) (unreadable: \(error))")
                }
            } else {
                let document = SyslinuxDocument(bytes: bytes)
                menus.append(Menu(path: path, entries: document.bootEntries(), defaultEntry: document.defaultEntry()))
                looked.append(path)
            }
        }
    }

    /// Whether a menu file is a GRUB script rather than a syslinux config.
    static func isGrub(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name == "grub.cfg" || name == "loopback.cfg" || path.lowercased().contains("/grub")
    }

    /// Sort key: GRUB before syslinux, the main file of each before the rest, then by path.
    static func rank(_ path: String) -> (Int, String) {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if name == "grub.cfg" { return (path.hasPrefix("/boot/grub/") ? 0 : 1, path) }
        if name == "loopback.cfg" { return (2, path) }
        if isGrub(path) { return (3, path) }
        if name == "isolinux.cfg" || name == "syslinux.cfg" { return (4, path) }
        return (5, path)
    }

    /// Whether an entry boots a Linux kernel directly (not a chainloader, module or hypervisor).
    static func bootsLinux(_ entry: BootMenuEntry) -> Bool {
        !entry.kernel.isEmpty && entry.hypervisor == nil
    }

    /// The entry to boot and the menu it is in: the selected one, else the default of the first menu with a Linux
    /// entry (or that menu's first Linux entry when its default boots something else).
    func choose(_ selector: BootEntrySelector?, image: String) throws -> (entry: BootMenuEntry, menu: String) {
        let linuxMenus = menus.filter { $0.entries.contains(where: Self.bootsLinux) }
        guard let first = linuxMenus.first else { throw XenError.noBootEntry(image: image, menus: looked) }
        switch selector {
        case nil:
            if let chosen = first.defaultEntry, Self.bootsLinux(chosen) { return (chosen, first.path) }
            guard let chosen = first.entries.first(where: Self.bootsLinux) else {
                throw XenError.noBootEntry(image: image, menus: looked)
            }
            return (chosen, first.path)
        case .index(let index):
            guard first.entries.indices.contains(index) else {
                throw XenError.noSuchEntry(.index(index), available: first.entries.map(\.title))
            }
            return (first.entries[index], first.path)
        case .title(let title):
            for menu in linuxMenus {
                if let chosen = menu.entries.first(where: { $0.title == title || $0.id == title }) { return (chosen, menu.path) }
            }
            throw XenError.noSuchEntry(.title(title), available: first.entries.map(\.title))
        }
    }
}
