/// Picks one bootable entry of a menu, for the editors and for reading one entry.
public enum BootEntrySelector: Hashable, Sendable {
    /// The entry at this position among the bootable entries, in menu order (submenus flattened), from 0.
    case index(Int)
    /// The first entry whose title (GRUB `menuentry` title, syslinux `MENU LABEL`) or id (GRUB `--id`,
    /// syslinux `LABEL`) equals this text.
    case title(String)
}

extension BootEntrySelector: CustomStringConvertible {
    public var description: String {
        switch self {
        case .index(let index): "#\(index)"
        case .title(let title): "\"\(title)\""
        }
    }
}
