import BinaryIO
import Crypto
import Foundation

/// A directory that plays `/` for the rescue tools of another architecture than the build host's: the Debian
/// packages of ``RescueTools/programs`` and every library package they depend on, for that architecture,
/// extracted (never installed) into isokit's cache, so ``RescueTools`` can copy them with their libraries as it does
/// from the host.
///
/// Only the tools' own packages and the library packages of their dependency closure are taken; maintainer-script
/// helpers (perl, debconf, dpkg) are not needed to copy files. The CA bundle, which `update-ca-certificates` builds
/// at install time and is the same on every architecture, is copied from the build host.
///
/// The directory's name carries a digest of the package archives apt would fetch (their names, with versions, and
/// hashes), so a changed tool list or newer packages after `apt-get update` make a fresh sysroot; the old one is
/// removed.
struct RescueToolsSysroot: Sendable {
    /// The cache holding the packages.
    var packages: DebianPackageCache
    /// The build host's root, for the CA bundle.
    var hostRoot = "/"
    /// The Debian packages of the tools, sorted; not ca-certificates, whose bundle comes from the build host.
    var toolPackages = Set(RescueTools.programs.map(\.package) + RescueTools.dataFiles.map(\.package))
        .subtracting(["ca-certificates"]).sorted()

    /// The start of the sysroot directories' names among the architecture's packages; a digest of what is in one
    /// follows (``directoryName(archives:)``).
    static let name = "isokit-rescue-tools"
    /// How a sysroot is put together; a change to that gives every sysroot a new name, so none is reused.
    static let assemblyVersion = 1

    /// The sysroot for the packages apt would fetch now, made first unless it is in the cache. A sysroot of other
    /// packages (another tool list, or older versions before an `apt-get update`) is never reused: its name differs,
    /// and it is removed.
    /// - Returns: The directory that plays `/`.
    /// - Throws: ``LiveBuildError/missingPackage(package:architecture:message:)`` when apt cannot find or download a
    ///   package, ``LiveBuildError/badInput(path:reason:)`` for a missing host CA bundle, or a tool or host error.
    func prepared() async throws -> String {
        let (target, wanted) = try await plan()
        if !HostPath.isDirectory(target) { try await make(target, from: wanted) }
        try await BlockingWork.run { try removeOthers(than: target) }
        return target
    }

    /// The sysroot's directory for the packages apt would fetch now, and those packages (`NAME:ARCH`, sorted): the
    /// tools and the library packages of their dependency closure.
    /// - Throws: ``LiveBuildError/missingPackage(package:architecture:message:)`` when apt does not know a package.
    func plan() async throws -> (directory: String, packages: [String]) {
        let architecture = packages.architecture
        let dependencies = try await apt(
            "apt-cache",
            ["depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks",
             "--no-replaces", "--no-enhances"] + toolPackages.map { "\($0):\(architecture.debianName)" },
            packages: toolPackages)
        let wanted = Self.packages(inRecursiveDependencies: dependencies, tools: Set(toolPackages), architecture: architecture)
        // The archives apt would download name each package's version; their hashes catch a rebuild of one.
        let uris = try await apt("apt-get", ["download", "--print-uris", "-qq"] + wanted, packages: wanted)
        return (packages.directory(of: Self.directoryName(archives: Self.archives(inPrintedURIs: uris))), wanted)
    }

    /// Downloads and extracts `wanted` with the host's CA bundle into `target`, through a scratch directory beside it.
    private func make(_ target: String, from wanted: [String]) async throws {
        let files = FileManager.default
        let scratch = try WorkDirectory(near: target)
        defer { scratch.remove() }
        try await apt("apt-get", ["download", "-qq"] + wanted, packages: wanted, workingDirectory: scratch.path)
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
    }

    /// Runs apt; its failure means it cannot find or fetch one of `packages` of the architecture.
    @discardableResult
    private func apt(
        _ tool: String, _ arguments: [String], packages names: [String], workingDirectory: String? = nil
    ) async throws -> String {
        do {
            return try await ExternalTool.run(tool, arguments, workingDirectory: workingDirectory)
        } catch {
            guard case .toolFailed(_, _, let message) = error else { throw error }
            throw LiveBuildError.missingPackage(
                package: names.joined(separator: " "), architecture: packages.architecture.debianName, message: message)
        }
    }

    /// Removes the other sysroots among the architecture's packages: those of earlier tool lists or package
    /// versions, and the one from before sysroots had a digest in their name. Scratch directories (`.NAME.build-…`)
    /// of builds under way are left alone.
    func removeOthers(than target: String) throws {
        let files = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let keep = (target as NSString).lastPathComponent
        for entry in try files.contentsOfDirectory(atPath: parent)
        where entry != keep && (entry == Self.name || entry.hasPrefix(Self.name + "-")) {
            let path = parent + "/" + entry
            // Moved aside before it is removed: of builds removing it at once, one wins the rename and the others
            // find it gone, instead of meeting files the winner is deleting under them.
            let scratch = try WorkDirectory(near: path)
            defer { scratch.remove() }
            do {
                try files.moveItem(atPath: path, toPath: scratch.path + "/" + entry)
            } catch {
                guard files.fileExists(atPath: path) else { continue }
                throw error
            }
            try files.removeItem(atPath: scratch.path)
        }
    }

    /// The sysroot directory's name for the package archives `archives` (`FILE SIZE HASH`, as apt prints them):
    /// ``name``, a dash and 16 hex digits of the SHA-256 of ``assemblyVersion`` and the sorted archives.
    static func directoryName(archives: [String]) -> String {
        let text = (["isokit rescue tools sysroot \(assemblyVersion)"] + archives.sorted()).joined(separator: "\n") + "\n"
        let digest = SHA256.hash(data: Array(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return name + "-" + digest
    }

    /// The archives in `apt-get download --print-uris` output (`'URI' FILE SIZE HASH` a line), without their URIs,
    /// which name a mirror rather than what is in the archive.
    static func archives(inPrintedURIs text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0].hasPrefix("'") else { return nil }
            return words.dropFirst().joined(separator: " ")
        }
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
