/// Why a remaster stopped; each case names the path involved.
public enum RemasterError: Error, Hashable, Sendable {
    /// A `--delete` path that is not absolute, has `.`/`..` components or is not in the image.
    case badDeletion(path: String, reason: String)
    /// A `--patch` directory that is missing or not a directory.
    case badPatch(path: String, reason: String)
    /// Root file system changes asked of an image whose family cannot take them yet.
    case rootChangeUnsupported(image: String, family: String)
    /// A boot menu that could not be read or edited.
    case badMenu(path: String, reason: String)
    /// The output would overwrite the input.
    case outputIsInput(path: String)
    /// A root image stored in pieces that are not back to back in the ISO, so it can't be read in place.
    case fragmentedRootImage(image: String, path: String, extents: Int)
    /// `--root-password` is not a crypt(3) hash; the reason never quotes the value.
    case badPasswordHash(reason: String)
    /// Neither `/etc/shadow` nor `/etc/passwd` of the root has a `root:` line.
    case noRootAccount(image: String)
    /// `--hvc0` on a root with neither systemd nor `/etc/inittab`.
    case noConsoleInit(image: String)
}

extension RemasterError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .badDeletion(let path, let reason): "--delete \(path): \(reason)"
        case .badPatch(let path, let reason): "--patch \(path): \(reason)"
        case .rootChangeUnsupported(let image, let family):
            "\(image): --add-layer adds squashfs layers to isokit images only; this one is \(family) (--patch-root works on every family)"
        case .badMenu(let path, let reason): "\(path): \(reason)"
        case .outputIsInput(let path): "\(path): the output is the input; write the remastered image elsewhere"
        case .fragmentedRootImage(let image, let path, let extents):
            "\(image): \(path) is stored in \(extents) extents that are not back to back; the root image must be contiguous"
        case .badPasswordHash(let reason): "--root-password: not a crypt(3) hash: \(reason); \(PasswordHash.advice)"
        case .noRootAccount(let image): "\(image): the live root has no root account in /etc/shadow or /etc/passwd"
        case .noConsoleInit(let image):
            "\(image): --hvc0: the live root has neither systemd (/sbin/init, /lib/systemd/systemd) nor /etc/inittab"
        }
    }
}
