/// Changes to the live root file system asked of a remaster; they work on every family ``LiveLayoutDetector``
/// knows (isokit's images get them as one new top layer, the others get their top root image rebuilt).
public struct RootEdits: Hashable, Sendable {
    /// Host directories copied over the root, lowest first (`--patch-root`): files replace, directories merge.
    public var patchDirectories: [String]
    /// Whether to start a login on the Xen console `hvc0` (`--hvc0`): a systemd `serial-getty@hvc0` link or an
    /// `/etc/inittab` line, `hvc0` in `/etc/securetty` if the root has one; the boot menus also get a
    /// "(Xen console hvc0)" copy of their default entry.
    public var hvc0: Bool
    /// A crypt(3) hash for root's password (`--root-password`), written to `/etc/shadow` (or `/etc/passwd` in a
    /// root without shadow passwords). Never printed or reported.
    public var rootPasswordHash: String?

    /// Root edits with the given values; the defaults change nothing.
    /// - Parameters:
    ///   - patchDirectories: Directories to copy over the root, lowest first.
    ///   - hvc0: Whether to add a login on `hvc0`.
    ///   - rootPasswordHash: A crypt(3) hash for root, or `nil` to keep the password.
    public init(patchDirectories: [String] = [], hvc0: Bool = false, rootPasswordHash: String? = nil) {
        self.patchDirectories = patchDirectories
        self.hvc0 = hvc0
        self.rootPasswordHash = rootPasswordHash
    }

    /// Checks that `hash` has the shape of a crypt(3) hash (yescrypt `$y$`, SHA-512 `$6$`, SHA-256 `$5$`, bcrypt
    /// `$2b$`, MD5 `$1$` …), so a plain password is never written into the root.
    /// - Throws: ``RemasterError/badPasswordHash(reason:)`` saying what is wrong and how to make a hash; the
    ///   message never quotes `hash`.
    public static func validatePasswordHash(_ hash: String) throws {
        try PasswordHash.validate(hash)
    }

    /// Whether there is nothing to change.
    public var isEmpty: Bool { patchDirectories.isEmpty && !hvc0 && rootPasswordHash == nil }
}

extension RootEdits: CustomStringConvertible {
    /// The edits with the password hash left out.
    public var description: String {
        "RootEdits(patchDirectories: \(patchDirectories), hvc0: \(hvc0), rootPassword: \(rootPasswordHash == nil ? "unchanged" : "set"))"
    }
}
