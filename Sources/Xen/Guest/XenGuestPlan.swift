import BootConfig
import LiveSystem

/// What `isokit xen guest` will write: the entry it boots, where the kernel and initrd come from and go, and each
/// guest's settings.
public struct XenGuestPlan: Hashable, Sendable, Codable {
    /// The image, as an absolute path (the path xl attaches as the guest's CD).
    public var image: String
    /// The image's live family, or `nil` if isokit does not know it (then no medium parameter is added).
    public var family: LiveFamily?
    /// The menu file the entry was read from (a path in the image).
    public var menu: String
    /// The entry booted, as read from the menu.
    public var entry: BootMenuEntry
    /// The kernel's path in the image.
    public var kernelSource: String
    /// The initrds' paths in the image, in load order; direct boot concatenates them into one ramdisk.
    public var initrdSources: [String]
    /// Direct kernel boot or pvgrub2.
    public var boot: XenBootMethod
    /// For pvgrub2: GRUB's embedded configuration, which boots the entry from the CD.
    public var grubConfig: String?
    /// The directory everything is written to (absolute).
    public var outputDirectory: String
    /// The planned guests.
    public var guests: [XenGuest]
    /// Things the user should know (an unknown family, parameters dropped).
    public var notes: [String]

    /// The files the writer creates: the extracted kernel and ramdisk (direct boot), then each guest's xl.cfg.
    public var outputFiles: [String] {
        var files: [String] = []
        if let first = guests.first {
            if boot == .pvgrub2 { files.append(first.kernel + ".cfg") }
            files.append(first.kernel)
            if let ramdisk = first.ramdisk { files.append(ramdisk) }
        }
        return files + guests.map(\.configPath)
    }
}
