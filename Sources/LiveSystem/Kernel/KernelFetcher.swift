import Foundation

/// Fetches a Debian kernel package (the cloud flavour, or the generic one a Xen dom0 needs) with `apt-get download`
/// and extracts it (never installs it) into isokit's cache, where ``KernelLocator`` finds it. Uses only the host's
/// package manager, no other downloads. Each release has its own cache directory, so flavours never mix.
public struct KernelFetcher: Sendable {
    /// The cache to extract into.
    public var cache: IsokitCache
    /// The Debian metapackage that names the current kernel package.
    public var metapackage: String
    /// The architecture directory name in the cache.
    public var architecture: String

    /// Creates a fetcher for the amd64 cloud kernel.
    public init(cache: IsokitCache = IsokitCache(), metapackage: String = "linux-image-cloud-amd64", architecture: String = "x86_64") {
        self.cache = cache
        self.metapackage = metapackage
        self.architecture = architecture
    }

    /// Creates a fetcher for the amd64 kernel of `flavour`.
    public init(cache: IsokitCache = IsokitCache(), flavour: KernelFlavour) {
        self.init(cache: cache, metapackage: flavour.metapackage(), architecture: "x86_64")
    }

    /// Downloads and extracts the kernel unless that release is already in the cache.
    /// - Returns: The kernel in the cache.
    /// - Throws: ``LiveBuildError/toolFailed(command:status:message:)`` when apt or dpkg-deb fail.
    public func fetch() async throws -> KernelSource {
        let dependencies = try await ExternalTool.run(
            "apt-cache", ["depends", "--no-recommends", "--no-suggests", metapackage])
        guard let package = Self.kernelPackage(inDependencies: dependencies) else {
            throw LiveBuildError.toolFailed(
                command: "apt-cache depends \(metapackage)", status: "no linux-image-RELEASE dependency",
                message: "run apt-get update, or give --kernel and --modules")
        }
        let release = String(package.dropFirst("linux-image-".count))
        let target = "\(cache.kernelsDirectory(architecture: architecture))/\(release)"
        if !HostPath.isReadableFile("\(target)/boot/vmlinuz-\(release)") {
            try await extract(package: package, into: target)
        }
        return KernelSource(
            image: "\(target)/boot/vmlinuz-\(release)", release: release,
            modulesDirectory: "\(target)/lib/modules/\(release)", origin: .cache)
    }

    /// The first `linux-image-<digit>…` package in `apt-cache depends` output.
    static func kernelPackage(inDependencies text: String) -> String? {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 2, words[0] == "Depends:", words[1].hasPrefix("linux-image-"),
                words[1].dropFirst("linux-image-".count).first?.isNumber == true
            else { continue }
            return String(words[1])
        }
        return nil
    }

    /// Downloads `package` into a scratch directory and extracts it to `target` through a temporary sibling.
    private func extract(package: String, into target: String) async throws {
        let files = FileManager.default
        let scratch = try WorkDirectory(near: cache.kernelsDirectory(architecture: architecture) + "/x")
        defer { scratch.remove() }
        try await ExternalTool.run("apt-get", ["download", "-qq", package], workingDirectory: scratch.path)
        guard let deb = try files.contentsOfDirectory(atPath: scratch.path).first(where: { $0.hasSuffix(".deb") }) else {
            throw LiveBuildError.toolFailed(command: "apt-get download \(package)", status: "no .deb", message: "")
        }
        let unpacked = scratch.path + "/root"
        try await ExternalTool.run("dpkg-deb", ["-x", "\(scratch.path)/\(deb)", unpacked])
        if files.fileExists(atPath: target) { try files.removeItem(atPath: target) }
        try files.moveItem(atPath: unpacked, toPath: target)
    }
}
