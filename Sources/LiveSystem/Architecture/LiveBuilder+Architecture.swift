import BinaryIO
import BootConfig
import Compression
import DiskFormats
import ELF
import Foundation
import ISO9660

extension LiveBuilder {
    /// The kernel's path in the image for `architecture`, without a leading slash (`boot/aarch64/vmlinuz`).
    static func kernelPath(_ architecture: LiveArchitecture) -> String { architecture.bootDirectory + "/vmlinuz" }

    /// The initramfs's path in the image for `architecture`, without a leading slash.
    static func initrdPath(_ architecture: LiveArchitecture) -> String { architecture.bootDirectory + "/initrd.img" }

    /// The Debian package of the static busybox.
    static let busyboxPackage = "busybox-static"

    /// Checks `options.architectures` before any work starts.
    /// - Throws: ``LiveBuildError/invalidOption(_:)`` for no architecture, a Xen live CD for another than
    ///   x86_64 alone, Secure Boot for several architectures, or one `--kernel`/`--modules` for several architectures.
    static func validateArchitectures(_ options: LiveBuildOptions) throws(LiveBuildError) {
        guard !options.architectures.isEmpty else {
            throw .invalidOption("no architecture given (use one or more of "
                + LiveArchitecture.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        if options.architectures.count > 1, options.kernel != nil || options.modules != nil {
            throw .invalidOption(
                "--kernel and --modules name one architecture's kernel; leave them out with several architectures")
        }
        if options.secureBoot != nil, options.architectures.count > 1 {
            throw .invalidOption(
                "--secure-boot builds one architecture (Debian's signed shim and GRUB of x86_64 or aarch64); "
                    + "use --arch x86_64 or --arch aarch64")
        }
        if options.xen != nil, options.architectures != [.x86_64] {
            throw .invalidOption("a Xen live CD is x86_64 only; leave out --xen or use --arch x86_64")
        }
    }

    /// Checks that the kernel image at `path` boots on `architecture`, so that another architecture's kernel is
    /// refused before the build rather than at boot.
    /// - Throws: ``LiveBuildError/wrongKernel(path:found:architecture:)`` naming what the file is, for another
    ///   architecture's kernel or a file that is no kernel image GRUB loads; `IOError` when it cannot be read.
    static func requireKernel(_ path: String, bootsOn architecture: LiveArchitecture) throws {
        let found: String
        do {
            let image = try KernelImageArchitecture(path: path)
            if image.architecture == architecture { return }
            found = "\(image)"
        } catch let error as DecodeError {
            found = "not a Linux kernel image (\(error))"
        } catch let error as CompressionError {
            found = "not a Linux kernel image (\(error))"
        }
        throw LiveBuildError.wrongKernel(path: path, found: found, architecture: architecture)
    }

    /// The static busybox for `architecture`: ``LiveBuildOptions/busybox`` if it is built for it, else for another
    /// architecture than the host's Debian's busybox-static of that architecture from isokit's cache.
    /// - Throws: ``LiveBuildError/noBusybox(path:reason:)`` if the busybox for the host's architecture is built for
    ///   another, ``LiveBuildError/missingPackage(package:architecture:message:)`` if apt cannot fetch it.
    static func busybox(for architecture: LiveArchitecture, options: LiveBuildOptions) async throws -> String {
        let machine = try? ELFFile(reader: ImageReader(path: options.busybox)).header.machine
        if machine == architecture.elfMachine || (architecture == .host && machine == nil) { return options.busybox }
        guard architecture != .host else {
            throw LiveBuildError.noBusybox(
                path: options.busybox, reason: "not built for \(architecture.rawValue) (ELF machine \(machine?.rawValue ?? 0))")
        }
        let root = try await DebianPackageCache(cache: options.cache, architecture: architecture).extracted(busyboxPackage)
        let path = root + "/bin/busybox"
        guard HostPath.isReadableFile(path) else {
            throw LiveBuildError.noBusybox(path: path, reason: "the \(busyboxPackage) package has no /bin/busybox")
        }
        return path
    }

    /// The kernel for `architecture`: as ``KernelLocator`` finds it, without the host's `/boot` for another
    /// architecture than the host's, whose cloud kernel is then fetched into the cache when none is there.
    /// - Throws: ``LiveBuildError`` from the locator or the fetcher.
    static func kernel(for architecture: LiveArchitecture, options: LiveBuildOptions) async throws -> KernelSource {
        var locator = KernelLocator(
            kernel: options.kernel, modules: options.modules, root: rootDirectory(options.root),
            hostRoot: options.hostRoot, cache: options.cache, architecture: architecture.rawValue)
        guard architecture != .host else { return try locator.locate() }
        locator.searchesHost = false
        do {
            return try locator.locate()
        } catch {
            guard case .noKernel = error, options.kernel == nil else { throw error }
            return try await KernelFetcher(cache: options.cache, flavour: .cloud, architecture: architecture).fetch()
        }
    }

    /// GRUB's platform directories holding `architecture`'s UEFI modules: ``LiveBuildOptions/grubLibrary`` if it
    /// has them or the architecture is the host's, else those of Debian's grub-efi-ARCH-bin in isokit's cache.
    /// - Throws: ``LiveBuildError/missingPackage(package:architecture:message:)`` if apt cannot fetch it.
    static func grubLibrary(for architecture: LiveArchitecture, options: LiveBuildOptions) async throws -> String {
        if architecture == .host || HostPath.isDirectory("\(options.grubLibrary)/\(architecture.grubEFIPlatform)") {
            return options.grubLibrary
        }
        let root = try await DebianPackageCache(cache: options.cache, architecture: architecture)
            .extracted(architecture.grubEFIPackage)
        return root + "/usr/lib/grub"
    }

    /// The kernel parameters naming the consoles of `architecture`: the screen and the serial port, the serial
    /// port last so it is `/dev/console`, where the init writes.
    static func consoles(_ architecture: LiveArchitecture) -> [String] {
        ["console=tty0", "console=\(architecture.serialConsole),115200"]
    }
}
