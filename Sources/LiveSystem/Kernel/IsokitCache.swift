import Foundation

/// isokit's cache directory: `$ISOKIT_CACHE`, else `$XDG_CACHE_HOME/isokit`, else `$HOME/.cache/isokit`.
public struct IsokitCache: Hashable, Sendable {
    /// The cache's root directory.
    public var root: String

    /// The cache named by the environment (the process's own if `nil`).
    public init(environment: [String: String]? = nil) {
        let variables = environment ?? ProcessInfo.processInfo.environment
        if let explicit = variables["ISOKIT_CACHE"], !explicit.isEmpty {
            root = explicit
        } else if let xdg = variables["XDG_CACHE_HOME"], !xdg.isEmpty {
            root = xdg + "/isokit"
        } else {
            root = (variables["HOME"] ?? "/root") + "/.cache/isokit"
        }
    }

    /// Creates a cache rooted at `root`.
    public init(root: String) {
        self.root = root
    }

    /// Where extracted kernel packages for `architecture` live, one directory per kernel release.
    public func kernelsDirectory(architecture: String) -> String {
        "\(root)/kernels/\(architecture)"
    }
}
