import Foundation
import LiveSystem
import TestSupport

/// Xen live CD builds for the tests: the rescue default as dom0 on the generic kernel in isokit's cache
/// (`scripts/setup` puts it there), never the host's kernel.
enum XenLiveFixture {
    /// Whether a dom0 kernel (Debian's generic flavour) is in isokit's cache, or oracles are required (so its
    /// absence fails).
    static var dom0KernelAvailable: Bool {
        Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent", cacheFlavour: .generic).locate()) != nil
    }

    /// The volume id of the fixture images.
    static let volumeID = "ISOKIT_XEN"

    /// Options for a Xen live CD of the rescue default at `directory/NAME.iso`, with a fixed time.
    static func options(in directory: String, name: String = "xen", timeout: Int = 5) -> LiveBuildOptions {
        var options = LiveBuildOptions(root: .rescue, output: "\(directory)/\(name).iso")
        options.hostRoot = directory + "/no-host-kernel"
        options.sourceDateEpoch = 1_700_000_000
        options.menuTimeout = timeout
        options.volumeID = volumeID
        options.xen = LiveXenOptions()
        return options
    }
}
