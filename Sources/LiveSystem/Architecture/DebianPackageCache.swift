import Foundation

/// Debian packages of another architecture (`busybox-static:arm64`, `grub-efi-arm64-bin:arm64`), downloaded with
/// the host's `apt-get download` and extracted with `dpkg-deb -x` into isokit's cache, never installed. Needs
/// the architecture in dpkg's list (`dpkg --add-architecture arm64 && apt-get update`).
public struct DebianPackageCache: Sendable {
    /// The cache to extract into.
    public var cache: IsokitCache
    /// The packages' architecture.
    public var architecture: LiveArchitecture

    /// Creates a package cache for `architecture` in `cache`.
    public init(cache: IsokitCache = IsokitCache(), architecture: LiveArchitecture) {
        self.cache = cache
        self.architecture = architecture
    }

    /// Where `package`'s files are extracted, as if `/` of the package.
    public func directory(of package: String) -> String {
        "\(cache.root)/packages/\(architecture.debianName)/\(package)"
    }

    /// The extracted files of `package`, downloaded and extracted first unless already in the cache (a package
    /// directory only appears once complete).
    /// - Returns: The directory that plays `/` for the package.
    /// - Throws: ``LiveBuildError/missingPackage(package:architecture:message:)`` when apt cannot find or download
    ///   it, ``LiveBuildError/toolFailed(command:status:message:)`` when dpkg-deb fails, or a host error.
    public func extracted(_ package: String) async throws -> String {
        let target = directory(of: package)
        if HostPath.isDirectory(target) { return target }
        try await Self.extract(
            qualified: "\(package):\(architecture.debianName)", architecture: architecture, into: target,
            scratchNear: "\(cache.root)/packages/\(architecture.debianName)/x")
        return target
    }

    /// Downloads the `qualified` package (`NAME:ARCH`) into a scratch directory beside `scratchNear` and extracts
    /// it to `target` through a temporary sibling.
    static func extract(
        qualified: String, architecture: LiveArchitecture, into target: String, scratchNear: String
    ) async throws {
        let files = FileManager.default
        let scratch = try WorkDirectory(near: scratchNear)
        defer { scratch.remove() }
        do {
            try await ExternalTool.run("apt-get", ["download", "-qq", qualified], workingDirectory: scratch.path)
        } catch {
            guard case .toolFailed(_, _, let message) = error else { throw error }
            throw LiveBuildError.missingPackage(package: qualified, architecture: architecture.debianName, message: message)
        }
        guard let deb = try files.contentsOfDirectory(atPath: scratch.path).first(where: { $0.hasSuffix(".deb") }) else {
            throw LiveBuildError.toolFailed(command: "apt-get download \(qualified)", status: "no .deb", message: "")
        }
        let unpacked = scratch.path + "/root"
        try await ExternalTool.run("dpkg-deb", ["-x", "\(scratch.path)/\(deb)", unpacked])
        try publish(unpacked, as: target)
    }

    /// Renames the complete directory `unpacked` to `target`. Another build that extracted the same package at the
    /// same time may have put its copy there first; that one is as good.
    static func publish(_ unpacked: String, as target: String) throws {
        let files = FileManager.default
        try files.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            try files.moveItem(atPath: unpacked, toPath: target)
        } catch {
            guard HostPath.isDirectory(target) else { throw error }
        }
    }
}
