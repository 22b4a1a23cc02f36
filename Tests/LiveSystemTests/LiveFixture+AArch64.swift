import Foundation
import LiveSystem
import TestSupport

extension LiveFixture {
    /// Whether aarch64 builds can run: dpkg knows the arm64 architecture (`scripts/setup` adds it), so apt can fetch
    /// arm64 packages into isokit's cache; or oracles are required (so its absence fails).
    static var arm64Available: Bool {
        Oracle.required
            || ((try? String(contentsOfFile: "/var/lib/dpkg/arch", encoding: .utf8)) ?? "")
                .split(separator: "\n").contains("arm64")
    }

    /// Options for an aarch64 build into `directory/NAME.iso` (cached arm64 packages, fixed time, no menu wait).
    static func aarch64Options(_ root: LiveRootInput, in directory: String, name: String = "live") -> LiveBuildOptions {
        var options = options(root, in: directory, name: name)
        options.architectures = [.aarch64]
        return options
    }
}
