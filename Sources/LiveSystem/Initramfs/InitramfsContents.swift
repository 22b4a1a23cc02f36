/// Everything isokit's initramfs holds: busybox, the init, the modules to load and the live system's settings.
///
/// Layout (the contract with `Resources/initramfs/init`):
/// `/init`, `/bin/busybox`, `/bin/sh`, `/lib/isokit/settings.sh`, `/usr/share/udhcpc/default.script`, `/lib/modules/RELEASE/…` with a
/// `modules.dep` for just those modules, `/etc/isokit/modules` (load order, one relative path per line) and
/// `/etc/isokit/live.conf` (shell variables).
public struct InitramfsContents: Hashable, Sendable {
    /// The static busybox binary on the host.
    public var busybox: String
    /// The kernel release the modules belong to.
    public var kernelRelease: String
    /// Module files in load order, dependencies first.
    public var modules: [InitramfsModule]
    /// `modules.dep` text for `modules`.
    public var modulesDependencies: String
    /// The default medium label (`isokit.label=` overrides it at boot).
    public var label: String
    /// The directory on the medium holding the layers.
    public var liveDirectory: String
    /// The program started in the live root.
    public var rootInit: String

    /// Creates the contents description.
    public init(
        busybox: String, kernelRelease: String, modules: [InitramfsModule], modulesDependencies: String,
        label: String, liveDirectory: String = "/live", rootInit: String = "/sbin/init"
    ) {
        self.busybox = busybox
        self.kernelRelease = kernelRelease
        self.modules = modules
        self.modulesDependencies = modulesDependencies
        self.label = label
        self.liveDirectory = liveDirectory
        self.rootInit = rootInit
    }

    /// `/etc/isokit/live.conf`: the settings as single-quoted shell assignments.
    var liveConfiguration: String {
        [
            ("ISOKIT_LABEL", label), ("ISOKIT_LIVE_DIR", liveDirectory), ("ISOKIT_KERNEL_RELEASE", kernelRelease),
            ("ISOKIT_INIT", rootInit),
        ].map { "\($0.0)=\(ShellQuoting.word($0.1))\n" }.joined()
    }

    /// `/etc/isokit/modules`: one path per line, in load order.
    var loadOrder: String {
        modules.map { $0.relativePath + "\n" }.joined()
    }
}
