import Foundation
import Testing

/// The Debian kernels `scripts/setup` extracts into isokit's cache, for tests that read real kernel modules.
///
/// The cache is `$ISOKIT_CACHE`, else `$XDG_CACHE_HOME/isokit`, else `$HOME/.cache/isokit`; kernels live in
/// `kernels/ARCH/RELEASE/` with their modules in `lib/modules/RELEASE/`.
public enum KernelCache {
    /// The cache root directory.
    public static var root: String {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["ISOKIT_CACHE"], !cache.isEmpty { return cache }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/isokit" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/isokit"
    }

    /// The modules directories of the cached kernels for `architecture`, sorted by release.
    public static func modulesDirectories(architecture: String = "x86_64") -> [String] {
        let kernels = root + "/kernels/" + architecture
        let releases = (try? FileManager.default.contentsOfDirectory(atPath: kernels)) ?? []
        return releases.sorted().map { "\(kernels)/\($0)/lib/modules/\($0)" }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/kernel", isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    /// The modules directory of the newest cached x86_64 kernel, or `nil`.
    public static var modulesDirectory: String? { modulesDirectories().last }

    /// ``modulesDirectory``, or an error saying how to get one.
    /// - Throws: ``ToolError/notFound(tool:searched:)`` naming the cache when no kernel is there.
    public static func requireModulesDirectory() throws -> String {
        guard let directory = modulesDirectory else {
            throw ToolError.notFound(tool: "a Debian kernel (run scripts/setup)", searched: [root + "/kernels/x86_64"])
        }
        return directory
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where a Debian kernel is in isokit's cache, or fails it when oracles are required (CI).
    public static var kernelModules: Self {
        .enabled(
            if: Oracle.required || KernelCache.modulesDirectory != nil,
            "needs a Debian kernel in isokit's cache (scripts/setup)")
    }
}
