import BinaryIO
import BootConfig
import DiskFormats
import Foundation

/// The Secure Boot parts of a live build (``SecureBootOptions``): checks, and the signed loaders' layout.
///
/// Debian's signed GRUB (`gcdx64.efi.signed`, `gcdaa64.efi.signed` on arm64) carries a memdisk config that reads `$prefix/grub.cfg` with the
/// prefix `/boot/grub` on the device it was started from, the EFI system partition; if that directory is missing
/// it searches every disk for `/.disk/info`. The ESP therefore gets `/boot/grub/grub.cfg` with the same early
/// config the unsigned images embed (find the medium by its label, read its `/boot/grub/grub.cfg`), and the ISO
/// tree gets `/.disk/info` as the fallback. The signed GRUB cannot load modules, but every command the live menu
/// uses (`serial`, `terminal_*`, `search`, `linux`, `initrd`, `configfile`) is built into it.
enum LiveSecureBoot {
    /// Where the early config goes in the ESP: the signed GRUB's `$prefix/grub.cfg`.
    static let espConfigPath = "boot/grub/grub.cfg"
    /// The file Debian's signed GRUB searches for when its prefix is missing.
    static let diskInfoPath = ".disk/info"

    /// Checks that Secure Boot can be built with `options`: not with Xen, and for the host's architecture the
    /// signed loaders are installed (another architecture's come from its packages, see ``loaders(_:for:cache:)``).
    /// - Throws: ``LiveBuildError/invalidOption(_:)`` with `--xen`; ``LiveBuildError/badInput(path:reason:)`` naming
    ///   a missing signed binary and its Debian package.
    static func validate(
        _ secureBoot: SecureBootOptions, architecture: LiveArchitecture, xen: LiveXenOptions?
    ) throws(LiveBuildError) {
        if xen != nil {
            throw .invalidOption(
                "--secure-boot cannot be combined with --xen: GRUB starts Xen with multiboot2, which shim does not verify, "
                    + "so the signed GRUB refuses it")
        }
        guard architecture == .host else { return }
        for loader in secureBoot.loaders(for: architecture) where !HostPath.isReadableFile(loader.source) {
            throw .badInput(path: loader.source, reason: "missing; --secure-boot needs it (install \(loader.package))")
        }
    }

    /// The signed loaders of `architecture`: those in `secureBoot`'s directories for the host's architecture or
    /// when they are all there, else those of `architecture`'s Debian packages (shim-signed,
    /// shim-helpers-arm64-signed, grub-efi-arm64-signed) in isokit's cache, fetched there first if need be.
    /// - Throws: ``LiveBuildError/missingPackage(package:architecture:message:)`` if apt cannot fetch a package,
    ///   ``LiveBuildError/badInput(path:reason:)`` if a package lacks its file.
    static func loaders(
        _ secureBoot: SecureBootOptions, for architecture: LiveArchitecture, cache: IsokitCache
    ) async throws -> [(source: String, target: String, package: String)] {
        let configured = secureBoot.loaders(for: architecture)
        if architecture == .host || configured.allSatisfy({ HostPath.isReadableFile($0.source) }) { return configured }
        let packages = DebianPackageCache(cache: cache, architecture: architecture)
        let debian = SecureBootOptions(signedGrubDirectory: SecureBootOptions.signedGrubDirectory(for: architecture))
        var found: [(source: String, target: String, package: String)] = []
        for loader in debian.loaders(for: architecture) {
            let source = try await packages.extracted(loader.package) + loader.source
            guard HostPath.isReadableFile(source) else {
                throw LiveBuildError.badInput(
                    path: source, reason: "missing from \(loader.package):\(architecture.debianName); --secure-boot needs it")
            }
            found.append((source, loader.target, loader.package))
        }
        return found
    }

    /// Checks that `kernel` carries an Authenticode signature, which shim's verifier needs before GRUB may start it.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` for an unsigned kernel or one that is not a PE image.
    static func requireSigned(kernel: String) throws {
        let certificate: PEWinCertificateHeader?
        do {
            certificate = try PESignature.firstCertificate(in: kernel)
        } catch let error as DecodeError {
            throw LiveBuildError.badInput(
                path: kernel, reason: "not an EFI (PE/COFF) kernel image, so it cannot be signed for Secure Boot: \(error)")
        }
        guard let certificate else {
            throw LiveBuildError.badInput(
                path: kernel,
                reason: "the kernel has no Secure Boot signature; --secure-boot needs a signed kernel, such as Debian's "
                    + "linux-image-*-amd64 or -cloud-amd64 (check with `sbverify --list`)")
        }
        guard certificate.isAuthenticode else {
            throw LiveBuildError.badInput(
                path: kernel,
                reason: "the kernel's certificate is not an Authenticode signature (revision 0x"
                    + "\(String(certificate.revision, radix: 16)), type 0x\(String(certificate.certificateType, radix: 16)))")
        }
    }

    /// Puts the signed `loaders` (``loaders(_:for:cache:)``) and the early config into the ESP, the same loaders
    /// into the ISO tree's `EFI/BOOT`, and `/.disk/info` into the ISO tree.
    static func stage(
        _ loaders: [(source: String, target: String, package: String)], label: String, esp: inout FATImageBuilder,
        stage: String
    ) throws {
        for loader in loaders {
            try esp.addFile(loader.target, hostPath: loader.source)
            let target = "\(stage)/\(loader.target)"
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.copyItem(atPath: loader.source, toPath: target)
        }
        try esp.addFile(espConfigPath, contents: Array(GrubEarlyConfiguration(label: label).render().utf8))
        try FileManager.default.createDirectory(atPath: "\(stage)/.disk", withIntermediateDirectories: true)
        try Data("isokit live \(label) (Secure Boot)\n".utf8).write(to: URL(fileURLWithPath: "\(stage)/\(diskInfoPath)"))
    }
}
