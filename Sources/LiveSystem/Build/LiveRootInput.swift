/// What a live build packs as its base layer.
public enum LiveRootInput: Hashable, Sendable {
    /// isokit's rescue default: busybox, the kernel's needed modules and isokit's rescue init.
    case rescue
    /// A root file system in a directory (must contain its init, `/sbin/init` by default).
    case directory(String)
    /// A root file system in a tar archive, plain or gzip/zstd/xz compressed (e.g. `docker export` output),
    /// packed without extracting it: owners, modes and device nodes come from the archive.
    case tar(String)
    /// A Debian root made with debootstrap (as root) and cached.
    case debian(DebianRoot)

    /// A root at `path`: a tar archive if it is a file, else a directory.
    public static func path(_ path: String) -> LiveRootInput {
        HostPath.isReadableFile(path) ? .tar(path) : .directory(path)
    }
}
