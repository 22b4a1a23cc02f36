import Foundation
import Testing

/// Real tools (xorriso, isoinfo, 7z, qemu-system-x86_64 …) used as oracles, and the rule for when they are missing.
///
/// Gate a test on its tools with ``Oracle/available(_:)``:
/// ```swift
/// @Test(.enabled(if: Oracle.available("xorriso"))) func readsXorrisoImage() async throws { … }
/// ```
/// Locally a missing tool skips the test. In CI (`ISOKIT_REQUIRE_ORACLES=1`) `available` is always true, so the test
/// runs and fails at its first use of the tool with ``ToolError/notFound(tool:searched:)`` — a missing install step
/// can't hide behind a skipped test.
public enum Oracle {
    /// Whether oracles are required (`ISOKIT_REQUIRE_ORACLES=1`); see ``TestEnvironment/requireOracles``.
    public static var required: Bool { TestEnvironment.requireOracles }

    /// Whether `tool` is an executable on `PATH` or in an sbin directory (or, if it contains a slash, at that path).
    public static func has(_ tool: String) -> Bool { path(of: tool) != nil }

    /// The full path `tool` resolves to through `PATH`, then the sbin directories, or `nil`.
    public static func path(of tool: String) -> String? {
        candidates(for: tool).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether a test that needs `tools` should run: true when all are installed, and always when
    /// ``required`` is set, so that CI reports a missing tool as a failure rather than a skip.
    public static func available(_ tools: String...) -> Bool { available(tools) }

    /// ``available(_:)`` for a list built at run time.
    public static func available(_ tools: [String]) -> Bool { required || tools.allSatisfy(has) }

    /// Whether boot tests run: QEMU is available (as for ``available(_:)``) and `ISOKIT_SKIP_BOOT` is not set.
    public static var canBoot: Bool {
        !TestEnvironment.skipBoot && available("qemu-system-x86_64")
    }

    /// The path of `tool`.
    /// - Throws: ``ToolError/notFound(tool:searched:)`` if it is not installed.
    public static func require(_ tool: String) throws -> String {
        guard let path = path(of: tool) else { throw ToolError.notFound(tool: tool, searched: candidates(for: tool)) }
        return path
    }

    /// The directories searched after `PATH`: a non-root `PATH` often lacks them, and partitioning tools (sgdisk,
    /// sfdisk, fdisk, mkfs.fat) live there.
    static let systemDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"]

    /// The paths `tool` may resolve to: `PATH` in order, then the ``systemDirectories`` it does not list.
    static func candidates(for tool: String) -> [String] {
        if tool.contains("/") { return [tool] }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var directories = path.split(separator: ":").map(String.init)
        directories += systemDirectories.filter { !directories.contains($0) }
        return directories.map { "\($0)/\(tool)" }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where every tool in `tools` is installed, or fails it when oracles are required.
    ///
    /// Shorthand for `.enabled(if: Oracle.available(…))` with a comment naming the tools.
    public static func oracles(_ tools: String...) -> Self {
        .enabled(if: Oracle.available(tools), "needs \(tools.joined(separator: ", "))")
    }

    /// Runs the test only where QEMU can boot machines (see ``Oracle/canBoot``).
    public static var boots: Self {
        .enabled(if: Oracle.canBoot, "needs qemu-system-x86_64; ISOKIT_SKIP_BOOT=1 skips")
    }
}
