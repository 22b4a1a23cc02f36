import Foundation

/// The parts of a live build that make it a Xen live CD: a dom0-capable kernel, the hypervisor file and the
/// GRUB modules that load it.
enum LiveXenBoot {
    /// Where the hypervisor goes in the image, from the image's root.
    static let hypervisorPath = "boot/xen/xen.gz"
    /// GRUB modules the core images need beyond a Linux boot: `multiboot2`/`module2`, and gzip for `xen.gz`.
    static let grubModules = ["multiboot2", "gzio"]
    /// Xen 4.17's programs directory in Debian's xen-utils-4.17.
    static let toolstackDirectory = "/usr/lib/xen-4.17/bin"
    /// The toolstack a rescue dom0 gets from the build host, with its libraries (``ProgramClosure``), and
    /// libgcc_s, which glibc's `pthread_cancel` loads with `dlopen` when `xl` exits (no `DT_NEEDED` names it).
    static let toolstackPrograms =
        ["xl", "xenstored", "xenconsoled", "xen-init-dom0"].map { "\(toolstackDirectory)/\($0)" }
        + ["/usr/bin/xenstore", "/lib/x86_64-linux-gnu/libgcc_s.so.1"]

    /// Whether the build adds the toolstack: a Xen live CD of the rescue default with ``LiveXenOptions/toolstack``.
    static func wantsToolstack(_ options: LiveBuildOptions) -> Bool {
        guard let xen = options.xen, xen.toolstack, case .rescue = options.root else { return false }
        return true
    }

    /// Checks the hypervisor before any work starts.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` when the hypervisor is not a readable file.
    static func validate(_ xen: LiveXenOptions) throws(LiveBuildError) {
        guard HostPath.isReadableFile(xen.hypervisor) else {
            throw .badInput(
                path: xen.hypervisor,
                reason: "no Xen hypervisor here (install xen-hypervisor-4.17-amd64, or give --xen-hypervisor PATH)")
        }
    }

    /// Checks the toolstack programs exist below `programRoot` before any work starts.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the first missing program and the package.
    static func validateToolstack(programRoot: String) throws(LiveBuildError) {
        for program in toolstackPrograms where !FileManager.default.isReadableFile(atPath: programRoot + program) {
            throw .badInput(
                path: program, reason: "Xen's toolstack is missing (install xen-utils-4.17, or build with --no-xen-toolstack)")
        }
    }

    /// Writes what makes the rescue root a working dom0 besides the programs: the toolstack start run by the rescue
    /// init (`/lib/isokit/xen-dom0`), libxl's disk hotplug script for busybox sh, an `xl.conf`, `xl` on `PATH` and
    /// the `xenstore-*` names of the `xenstore` program.
    static func stageToolstack(in root: String) throws {
        let files = FileManager.default
        for directory in ["lib/isokit", "etc/xen/scripts", "usr/sbin", "usr/bin"] {
            try files.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
        }
        try RescueRoot.write(try LiveResources.xenDom0, to: "\(root)/lib/isokit/xen-dom0", mode: 0o755)
        try RescueRoot.write(try LiveResources.xenBlockScript, to: "\(root)/etc/xen/scripts/block", mode: 0o755)
        try RescueRoot.write(Array("# isokit rescue dom0: xl's defaults\n".utf8), to: "\(root)/etc/xen/xl.conf", mode: 0o644)
        try files.createSymbolicLink(atPath: "\(root)/usr/sbin/xl", withDestinationPath: "\(toolstackDirectory)/xl")
        for name in ["xenstore-read", "xenstore-write", "xenstore-ls", "xenstore-list"] {
            try files.createSymbolicLink(atPath: "\(root)/usr/bin/\(name)", withDestinationPath: "xenstore")
        }
    }

    /// The dom0 kernel: a named one (`--kernel`) if it can be dom0; else the root's, the host's or a cached
    /// kernel of the generic flavour whose configuration says `CONFIG_XEN_DOM0=y`; else Debian's generic kernel,
    /// fetched into the cache with apt. The cloud kernel isokit uses otherwise cannot be dom0.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` for a named kernel built without dom0 support; the
    ///   errors of ``KernelLocator/locate()`` and ``KernelFetcher/fetch()``.
    static func dom0Kernel(
        kernel: String?, modules: String?, root: String?, hostRoot: String, cache: IsokitCache
    ) async throws -> KernelSource {
        let locator = KernelLocator(
            kernel: kernel, modules: modules, root: root, hostRoot: hostRoot, cache: cache, cacheFlavour: .generic)
        if kernel != nil {
            let named = try locator.locate()
            if let configuration = try KernelConfiguration.of(named), !configuration.supportsXenDom0 {
                throw LiveBuildError.badInput(
                    path: named.image,
                    reason: "this kernel cannot run as Xen's dom0 (\(configuration.path) lacks CONFIG_XEN_DOM0=y); "
                        + "leave out --kernel to use Debian's generic kernel")
            }
            return named
        }
        return try await GenericKernelChoice.kernel(locator: locator, cache: cache, suits: \.supportsXenDom0)
    }

    /// Copies the hypervisor into the staged image tree.
    static func stage(_ xen: LiveXenOptions, in stage: String) throws {
        let target = "\(stage)/\(hypervisorPath)"
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: xen.hypervisor, toPath: target)
    }
}
