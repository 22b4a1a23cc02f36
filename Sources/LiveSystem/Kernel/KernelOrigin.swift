/// Where a live build's kernel came from, in the order ``KernelLocator`` looks.
public enum KernelOrigin: String, Hashable, Sendable, Codable {
    /// Named with `--kernel`.
    case explicit
    /// The root file system's own `/boot` and `/lib/modules`.
    case root
    /// The build host's `/boot` and `/lib/modules`.
    case host
    /// A Debian kernel package extracted into isokit's cache (`isokit kernel fetch`).
    case cache
}
