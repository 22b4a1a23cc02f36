import Foundation

/// A directory that plays `/` for the rescue tools of another architecture than the build host's: the Debian
/// packages of ``RescueTools/programs`` and every library package they depend on, for that architecture,
/// extracted (never installed) into isokit's cache, so ``RescueTools`` can copy them with their libraries as it does
/// from the host.
///
/// Only the tools' own packages and the library packages of their dependency closure are taken; maintainer-script
/// helpers (perl, debconf, dpkg) are not needed to copy files. The CA bundle, which `update-ca-certificates` builds
/// at install time and is the same on every architecture, is copied from the build host.
struct RescueToolsSysroot: Sendable {
    /// The cache holding the packages.
    var packages: DebianPackageCache
    /// The build host's root, for the CA bundle.
    var hostRoot = "/"

    /// The name of the sysroot's directory among the architecture's packages.
    static let name = "isokit-rescue-tools"

    /// The sysroot, made first unless it is in the cache.
    /// - Returns: The directory that plays `/`.
    /// - Throws: ``LiveBuildError/missingPackage(package:architecture:message:)`` when apt cannot find or download a
    ///   package, ``LiveBuildError/badInput(path:reason:)`` for a missing host CA bundle, or a tool or host error.
    func prepared() async throws -> String {
        let target = packages.directory(of: Self.name)
        if HostPath.isDirectory(target) { return target }
        let architecture = packages.architecture
        let toolPackages = Set(RescueTools.programs.map(\.package) + RescueTools.dataFiles.map(\.package))
            .subtracting(["ca-certificates"]).sorted()
        let qualified = toolPackages.map { "\($0):\(architecture.debianName)" }
        let dependencies = try await ExternalTool.run(
            "apt-cache",
            ["depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks",
             "--no-replaces", "--no-enhances"] + qualified)
        let wanted = Self.packages(inRecursiveDependencies: dependencies, tools: Set(toolPackages), architecture: architecture)
        let files = FileManager.default
        let scratch = try WorkDirectory(near: target)
        defer { scratch.remove() }
        do {
            try await ExternalTool.run("apt-get", ["download", "-qq"] + wanted, workingDirectory: scratch.path)
        } catch {
            guard case .toolFailed(_, _, let message) = error else { throw error }
            throw LiveBuildError.missingPackage(
                package: wanted.joined(separator: " "), architecture: architecture.debianName, message: message)
        }
        let root = scratch.path + "/root"
        for deb in try files.contentsOfDirectory(atPath: scratch.path).filter({ $0.hasSuffix(".deb") }).sorted() {
            try await ExternalTool.run("dpkg-deb", ["-x", "\(scratch.path)/\(deb)", root])
        }
        let bundle = "etc/ssl/certs/ca-certificates.crt"
        let hostBundle = (hostRoot as NSString).appendingPathComponent(bundle)
        guard HostPath.isReadableFile(hostBundle) else {
            throw LiveBuildError.badInput(
                path: hostBundle, reason: "missing on the build host (install the Debian package ca-certificates)")
        }
        try files.createDirectory(atPath: "\(root)/etc/ssl/certs", withIntermediateDirectories: true)
        try files.copyItem(atPath: hostBundle, toPath: "\(root)/\(bundle)")
        try DebianPackageCache.publish(root, as: target)
        return target
    }

    /// Whether `package` is a shared library package by Debian's naming (policy §8.1: `libNAME…`, and zlib's
    /// `zlib1g`), except perl's interpreter library, which only maintainer scripts use.
    static func isLibrary(_ package: String) -> Bool {
        (package.hasPrefix("lib") || package.hasPrefix("zlib")) && !package.hasPrefix("libperl")
    }

    /// The packages to fetch from `apt-cache depends --recurse` output: the tools and every real `lib…` package,
    /// each `NAME:ARCH` once, sorted.
    static func packages(
        inRecursiveDependencies text: String, tools: Set<String>, architecture: LiveArchitecture
    ) -> [String] {
        let suffix = ":" + architecture.debianName
        var found: Set<String> = []
        // Package names start a line; dependencies are indented, virtual packages are in <angle brackets>.
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") && line.hasSuffix(suffix) {
            let name = String(line.dropLast(suffix.count))
            guard tools.contains(name) || isLibrary(name) else { continue }
            found.insert(name + suffix)
        }
        return found.sorted()
    }
}
