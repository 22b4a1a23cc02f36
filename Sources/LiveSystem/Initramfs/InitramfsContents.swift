import Foundation

/// Everything isokit's initramfs holds: busybox, the init, the modules to load and the live system's settings.
///
/// Layout (the contract with `Resources/initramfs/init`):
/// `/init`, `/bin/busybox`, `/bin/sh`, `/lib/isokit/settings.sh`, `/usr/share/udhcpc/default.script`, `/lib/modules/RELEASE/…` with a
/// `modules.dep` for just those modules, `/etc/isokit/modules` (load order, one relative path per line) and
/// `/etc/isokit/live.conf` (shell variables); and ``programs`` at their own paths (`/usr/bin/memdiskfind` with its
/// interpreter and libraries, when the kernel has phram).
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
    /// Host programs with their interpreter and libraries (from ``ProgramClosure``), copied to their target paths.
    public var programs: [ClosureFile]

    /// Creates the contents description.
    public init(
        busybox: String, kernelRelease: String, modules: [InitramfsModule], modulesDependencies: String,
        label: String, liveDirectory: String = "/live", rootInit: String = "/sbin/init", programs: [ClosureFile] = []
    ) {
        self.busybox = busybox
        self.kernelRelease = kernelRelease
        self.modules = modules
        self.modulesDependencies = modulesDependencies
        self.label = label
        self.liveDirectory = liveDirectory
        self.rootInit = rootInit
        self.programs = programs
    }

    /// syslinux's `memdiskfind` and what it needs, when `modules` include phram and the host has it: the init runs it
    /// to find an image memdisk loaded into RAM and hands that memory to phram (`/dev/mtdblock0`). Empty otherwise.
    /// - Parameters:
    ///   - modules: The modules going into the initramfs.
    ///   - kernelRelease: The kernel's release; memdisk is x86 BIOS only, so only `…amd64` kernels get it.
    ///   - programRoot: The directory that plays `/` for the program and its libraries.
    /// - Throws: ``ProgramClosureError`` if `memdiskfind` is there but its libraries are not.
    public static func memdiskPrograms(modules: [InitramfsModule], kernelRelease: String, programRoot: String)
        throws(ProgramClosureError) -> [ClosureFile]
    {
        let program = "/usr/bin/memdiskfind"
        guard kernelRelease.hasSuffix("amd64"),
            modules.contains(where: { $0.relativePath.split(separator: "/").last?.hasPrefix("phram.ko") == true }),
            HostPath.isReadableFile((programRoot as NSString).appendingPathComponent(program))
        else { return [] }
        return try ProgramClosure(hostRoot: programRoot, machine: .x86_64).resolve([program])
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
