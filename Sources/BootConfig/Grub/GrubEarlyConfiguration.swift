/// The config embedded in a GRUB core image with `grub-mkimage -c` (GRUB manual §16.3 "search", "configfile"):
/// it finds the boot medium by its volume label, then reads the medium's own `grub.cfg`.
public struct GrubEarlyConfiguration: Hashable, Sendable {
    /// The file system label of the medium holding the configuration (an ISO 9660 volume id).
    public var label: String
    /// The directory holding `grub.cfg`, from the medium's root.
    public var prefix: String

    /// Creates an early config that searches for `label` and reads `prefix/grub.cfg`.
    public init(label: String, prefix: String = "/boot/grub") {
        self.label = label
        self.prefix = prefix
    }

    /// The script text, ending in a newline.
    public func render() -> String {
        """
        search --no-floppy --set=root --label \(GrubQuoting.word(label))
        set prefix=($root)\(GrubQuoting.word(prefix))
        configfile $prefix/grub.cfg

        """
    }
}
