import BinaryIO
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

    /// Creates a fetcher for the kernel of `flavour` for `architecture` (`linux-image-cloud-arm64` for aarch64),
    /// downloaded with apt's multiarch support when it is not the host's.
    public init(cache: IsokitCache = IsokitCache(), flavour: KernelFlavour, architecture: LiveArchitecture) {
        self.init(
            cache: cache, metapackage: flavour.metapackage(debianArchitecture: architecture.debianName),
            architecture: architecture.rawValue)
    }

    /// Downloads and extracts the kernel unless that release is already in the cache.
    /// - Returns: The kernel in the cache.
    /// - Throws: ``LiveBuildError/toolFailed(command:status:message:)`` when apt or dpkg-deb fail, and
    ///   ``LiveBuildError/missingPackage(package:architecture:message:)`` when apt does not know a foreign
    ///   architecture's kernel.
    public func fetch() async throws -> KernelSource {
        let dependencies = try await Self.dependencies(of: metapackage, foreign: foreignArchitecture)
        guard let qualified = Self.kernelPackage(inDependencies: dependencies) else {
            throw LiveBuildError.toolFailed(
                command: "apt-cache depends \(metapackage)", status: "no linux-image-RELEASE dependency",
                message: "run apt-get update, or give --kernel and --modules")
        }
        // apt names a foreign architecture's package with its architecture: `linux-image-…-cloud-arm64:arm64`.
        let package = String(qualified.prefix { $0 != ":" })
        let release = String(package.dropFirst("linux-image-".count))
        let target = "\(cache.kernelsDirectory(architecture: architecture))/\(release)"
        if !HostPath.isReadableFile("\(target)/boot/vmlinuz-\(release)") {
            if let foreign = foreignArchitecture {
                try await DebianPackageCache.extract(
                    qualified: "\(package):\(foreign.debianName)", architecture: foreign, into: target,
                    scratchNear: cache.kernelsDirectory(architecture: architecture) + "/x")
            } else {
                try await extract(package: package, into: target)
            }
        }
        return KernelSource(
            image: "\(target)/boot/vmlinuz-\(release)", release: release,
            modulesDirectory: "\(target)/lib/modules/\(release)", origin: .cache)
    }

    /// `apt-cache depends` output for `metapackage`; for a `foreign` architecture apt's failure to find it means
    /// the architecture is not enabled.
    static func dependencies(of metapackage: String, foreign: LiveArchitecture?) async throws -> String {
        do {
            return try await ExternalTool.run("apt-cache", ["depends", "--no-recommends", "--no-suggests", metapackage])
        } catch {
            guard let foreign, case .toolFailed(_, _, let message) = error else { throw error }
            throw LiveBuildError.missingPackage(package: metapackage, architecture: foreign.debianName, message: message)
        }
    }

    /// The architecture of the kernel when it is not the host's (then downloaded as `PACKAGE:ARCH`), else `nil`.
    var foreignArchitecture: LiveArchitecture? {
        guard let named = LiveArchitecture(name: architecture), named != .host else { return nil }
        return named
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
        // A kernel package's modules are thousands of files.
        if files.fileExists(atPath: target) {
            try await BlockingWork.run { try FileManager.default.removeItem(atPath: target) }
        }
        try files.moveItem(atPath: unpacked, toPath: target)
    }
}
