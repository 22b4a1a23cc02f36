import Foundation

/// Works out the root files `--hvc0` and `--root-password` change, reading the current ones through a
/// ``RootView``, and writes the new versions into a staging directory that becomes an overlay.
enum RootFiles {
    /// Writes the changed files under `staging` and returns their paths in the root (no leading slash).
    /// - Throws: ``RemasterError/noConsoleInit(image:)``, ``RemasterError/noRootAccount(image:)``; read errors.
    static func write(
        _ edits: RootEdits, view: inout RootView, image: String, to staging: String, day: Int
    ) throws -> [String] {
        var changed: [String] = []
        if edits.hvc0 {
            changed += try consoleLogin(view: &view, image: image, to: staging)
        }
        if let hash = edits.rootPasswordHash {
            changed.append(try password(hash, view: &view, image: image, to: staging, day: day))
        }
        return changed
    }

    /// A getty on hvc0 (systemd link or inittab line) and hvc0 in securetty.
    private static func consoleLogin(view: inout RootView, image: String, to staging: String) throws -> [String] {
        var changed: [String] = []
        let initPath = try view.resolve("sbin/init")
        let inittab = try view.file("etc/inittab")
        let systemdBinary = try view.file("lib/systemd/systemd") != nil || view.file("usr/lib/systemd/systemd") != nil
        if initPath?.contains("systemd") == true || (inittab == nil && systemdBinary) {
            if try view.lookup(ConsoleLogin.systemdLink) == nil {
                let link = staging + "/" + ConsoleLogin.systemdLink
                try FileManager.default.createDirectory(
                    atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: link)
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: ConsoleLogin.systemdUnit)
                changed.append(ConsoleLogin.systemdLink)
            }
        } else if let inittab {
            if let edited = ConsoleLogin.inittab(adding: try view.contents(of: inittab.node, path: inittab.path)) {
                try put(edited, at: inittab.path, like: inittab.node, in: staging)
                changed.append(inittab.path)
            }
        } else {
            throw RemasterError.noConsoleInit(image: image)
        }
        if let securetty = try view.file("etc/securetty"),
            let edited = ConsoleLogin.securetty(adding: try view.contents(of: securetty.node, path: securetty.path))
        {
            try put(edited, at: securetty.path, like: securetty.node, in: staging)
            changed.append(securetty.path)
        }
        return changed
    }

    /// Root's hash in /etc/shadow, or in /etc/passwd when the root has no shadow file.
    private static func password(
        _ hash: String, view: inout RootView, image: String, to staging: String, day: Int
    ) throws -> String {
        for (path, shadow) in [("etc/shadow", true), ("etc/passwd", false)] {
            guard let file = try view.file(path) else { continue }
            guard let edited = PasswordHash.settingRoot(
                hash, in: try view.contents(of: file.node, path: file.path), shadow: shadow, day: day)
            else { throw RemasterError.noRootAccount(image: image) }
            try put(edited, at: file.path, like: file.node, in: staging)
            return file.path
        }
        throw RemasterError.noRootAccount(image: image)
    }

    /// Writes `bytes` at `path` under `staging` with the permissions of the file it replaces (readable by its
    /// owner, so that the squashfs writer can read it back).
    private static func put(_ bytes: [UInt8], at path: String, like node: RootView.Node, in staging: String) throws {
        let host = staging + "/" + path
        try FileManager.default.createDirectory(
            atPath: (host as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: host)
        try Data(bytes).write(to: URL(fileURLWithPath: host))
        try FileManager.default.setAttributes([.posixPermissions: Int(node.mode & 0o7777 | 0o400)], ofItemAtPath: host)
    }
}
