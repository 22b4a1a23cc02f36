import Foundation

/// Paths looked up inside a directory as if it were `/` (a chroot without `chroot`): symbolic links with absolute
/// targets start again at that directory, and `..` never climbs above it.
///
/// ``ProgramClosure`` reads the host through one of these, so tests can give it a fake root.
struct RootedFileSystem: Sendable {
    /// The directory that plays `/`, without a trailing slash (`""` for the real root).
    let root: String

    /// The most symbolic links followed for one lookup, as Linux's `MAXSYMLINKS`.
    static let symlinkLimit = 40

    /// A file system rooted at `root` (`/` for the host itself).
    init(root: String) {
        var trimmed = root
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// The path on this machine of `path` inside the root, without following links.
    func hostPath(_ path: String) -> String { root + Self.normalized(path) }

    /// `path` with every symbolic link followed, as an absolute path inside the root; `nil` when a component is
    /// missing.
    /// - Throws: ``ProgramClosureError/symlinkLoop(path:)`` after ``symlinkLimit`` links, and
    ///   ``ProgramClosureError/unreadable(path:reason:)`` for a link that cannot be read.
    func resolve(_ path: String) throws(ProgramClosureError) -> String? {
        var pending = Array(Self.components(path).reversed())
        var resolved: [String] = []
        var links = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            var status = stat()
            guard lstat(root + candidate, &status) == 0 else { return nil }
            guard status.st_mode & S_IFMT == S_IFLNK else {
                resolved.append(component)
                continue
            }
            links += 1
            guard links <= Self.symlinkLimit else { throw .symlinkLoop(path: path) }
            let target: String
            do {
                target = try FileManager.default.destinationOfSymbolicLink(atPath: root + candidate)
            } catch {
                throw .unreadable(path: root + candidate, reason: "\(error)")
            }
            if target.hasPrefix("/") { resolved = [] }
            pending += Self.components(target).reversed()
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// Whether `path` (inside the root, links followed) is a regular file.
    func isRegularFile(_ path: String) throws(ProgramClosureError) -> Bool {
        guard let real = try resolve(path) else { return false }
        var status = stat()
        return stat(root + real, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The names in directory `path` inside the root (links followed), or none if it is not a directory.
    func contents(ofDirectory path: String) throws(ProgramClosureError) -> [String] {
        guard let real = try resolve(path) else { return [] }
        return (try? FileManager.default.contentsOfDirectory(atPath: root + real)) ?? []
    }

    /// `path` made absolute and lexically tidy: no empty or `.` components, `..` applied (`/usr/bin/../lib` →
    /// `/usr/lib`), no trailing slash.
    static func normalized(_ path: String) -> String {
        var parts: [String] = []
        for component in components(path) {
            switch component {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory part of absolute `path` (`/` for a file in `/`).
    static func directory(of path: String) -> String {
        let parts = components(path)
        return "/" + parts.dropLast().joined(separator: "/")
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
