/// A step of a live build, reported as it starts so a terminal can show where the build is.
public enum LiveBuildStep: Hashable, Sendable {
    /// A Debian root is being made with debootstrap (skipped when the cache has it).
    case debootstrap(suite: String, packages: [String])
    /// The kernel was found.
    case kernel(KernelSource)
    /// The root file system is being staged (rescue default).
    case stagingRoot
    /// A squashfs layer is being written.
    case layer(file: String, source: String)
    /// The initramfs is being written.
    case initramfs(modules: Int)
    /// GRUB images and the EFI system partition are being made.
    case bootloader
    /// The ISO image is being written.
    case image
}
