import BinaryIO
import Crypto
import Foundation

/// A Debian root file system made with `debootstrap` (which needs root), kept in isokit's cache under a key made
/// from its settings, so a second build with the same recipe reuses it.
public struct DebianRoot: Hashable, Sendable {
    /// The Debian release, e.g. `bookworm`.
    public var suite: String
    /// debootstrap's `--variant` (`minbase`, `buildd`, `fakechroot`) or empty for the default set.
    public var variant: String
    /// Packages added with `--include`.
    public var packages: [String]
    /// The archive to fetch from.
    public var mirror: String

    /// Creates a description.
    public init(suite: String, variant: String = "minbase", packages: [String] = [], mirror: String = "http://deb.debian.org/debian") {
        self.suite = suite
        self.variant = variant
        self.packages = packages
        self.mirror = mirror
    }

    /// The cache directory for these settings: `debian/SUITE-KEY`, the key a hash of every setting.
    func directory(in cache: IsokitCache) -> String {
        let text = [suite, variant, packages.sorted().joined(separator: ","), mirror].joined(separator: "\n")
        let key = SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return "\(cache.root)/debian/\(suite)-\(key)"
    }

    /// The root directory, made now with debootstrap unless the cache has it.
    /// - Throws: ``LiveBuildError/invalidOption(_:)`` for bad names or when not running as root,
    ///   ``LiveBuildError/toolFailed(command:status:message:)`` when debootstrap fails.
    func prepare(in cache: IsokitCache) async throws -> String {
        let target = directory(in: cache)
        let root = target + "/root"
        if FileManager.default.fileExists(atPath: target + "/complete") { return root }
        let word = /[A-Za-z0-9][A-Za-z0-9.+:~_-]*/
        for name in [suite] + packages + (variant.isEmpty ? [] : [variant]) where (try? word.wholeMatch(in: name)) == nil {
            throw LiveBuildError.invalidOption("debian: \(String(reflecting: name)) is not a suite, variant or package name")
        }
        guard geteuid() == 0 else {
            throw LiveBuildError.invalidOption("debian: debootstrap needs root; build as root once (the root is cached) or give a root directory")
        }
        let manager = FileManager.default
        // An unfinished earlier root can be a whole system's files.
        if manager.fileExists(atPath: target) {
            try await BlockingWork.run { try FileManager.default.removeItem(atPath: target) }
        }
        try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        var arguments: [String] = []
        if !variant.isEmpty { arguments.append("--variant=\(variant)") }
        if !packages.isEmpty { arguments.append("--include=" + packages.joined(separator: ",")) }
        try await ExternalTool.run("debootstrap", arguments + [suite, root, mirror])
        let archives = root + "/var/cache/apt/archives"
        for name in (try? manager.contentsOfDirectory(atPath: archives)) ?? [] where name.hasSuffix(".deb") {
            try manager.removeItem(atPath: archives + "/" + name)
        }
        guard manager.createFile(atPath: target + "/complete", contents: Data()) else {
            throw LiveBuildError.badInput(path: target + "/complete", reason: "cannot mark the Debian root complete")
        }
        return root
    }
}
