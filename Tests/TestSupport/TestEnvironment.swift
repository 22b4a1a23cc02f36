import Foundation

/// The environment switches the test suites read. Each is off unless set to `1`, `true` or `yes`.
public enum TestEnvironment {
    /// `ISOKIT_REQUIRE_ORACLES=1` (set by CI): a missing oracle tool fails the test that needs it instead of
    /// skipping it.
    public static var requireOracles: Bool { flag("ISOKIT_REQUIRE_ORACLES") }
    /// `ISOKIT_SKIP_BOOT=1`: skip every test that boots QEMU, even where QEMU is installed.
    public static var skipBoot: Bool { flag("ISOKIT_SKIP_BOOT") }
    /// `ISOKIT_SLOW=1` (`make test-slow`): run the slow tier too (aarch64, Secure Boot, Xen).
    public static var slow: Bool { flag("ISOKIT_SLOW") }
    /// `ISOKIT_UPDATE_GOLDEN=1`: ``Golden/check(_:against:in:sourceLocation:)`` rewrites golden files instead of
    /// comparing.
    public static var updateGolden: Bool { flag("ISOKIT_UPDATE_GOLDEN") }
    /// `ISOKIT_KEEP_TEMP=1`: leave ``TemporaryDirectory`` folders in place for a look after the run.
    public static var keepTemporaryFiles: Bool { flag("ISOKIT_KEEP_TEMP") }

    /// Whether the environment variable `name` is set to `1`, `true` or `yes` (any case).
    public static func flag(_ name: String) -> Bool {
        guard let value = ProcessInfo.processInfo.environment[name]?.lowercased() else { return false }
        return ["1", "true", "yes"].contains(value)
    }
}
