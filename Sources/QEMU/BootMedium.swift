/// An image attached to the machine for it to boot from.
public enum BootMedium: Sendable, Hashable {
    /// An ISO image in an IDE CD-ROM drive, read-only (`-drive file=…,media=cdrom,readonly=on`).
    case cdrom(path: String)
    /// A raw disk image on virtio-blk, writable as a USB stick would be (`-drive file=…,format=raw,if=virtio`).
    case disk(path: String)

    /// The image file on the host.
    public var path: String {
        switch self {
        case .cdrom(let path), .disk(let path): path
        }
    }

    /// The `-drive` option value that attaches this medium.
    ///
    /// Commas in the path are doubled, as QEMU's option parser requires.
    public var driveOption: String {
        let file = MachineProfile.escaped(path)
        switch self {
        case .cdrom: return "file=\(file),format=raw,media=cdrom,readonly=on"
        case .disk: return "file=\(file),format=raw,if=virtio"
        }
    }
}
