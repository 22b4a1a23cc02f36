/// The script an iPXE boot image runs.
public enum NetbootImageScript: Hashable, Sendable {
    /// `chain URL` (after `dhcp`, or after the static network settings when there are some).
    case chain(url: String)
    /// An iPXE script file, as given; it must start with `#!ipxe`. Static network settings, if any, go right
    /// after that line.
    case file(path: String)
}
