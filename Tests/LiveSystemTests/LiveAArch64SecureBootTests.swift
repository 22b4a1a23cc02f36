import BinaryIO
import BootConfig
import DiskFormats
import Foundation
import ISO9660
import LiveSystem
import TestSupport
import Testing

@Suite(
    "Live aarch64 Secure Boot build", .serialized,
    .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"))
struct LiveAArch64SecureBootTests {
    /// Options for an aarch64 Secure Boot build of the rescue default.
    static func options(in directory: String, name: String = "secure") -> LiveBuildOptions {
        var options = LiveFixture.aarch64Options(.rescue, in: directory, name: name)
        options.secureBoot = SecureBootOptions()
        return options
    }

    /// Debian's arm64 signed binaries, fetched by the test itself with `apt-get download` and `dpkg-deb -x` into
    /// `directory`, each with its place in the ESP.
    static func packagedLoaders(in directory: String) async throws -> [(source: String, target: String)] {
        let debian = SecureBootOptions(signedGrubDirectory: SecureBootOptions.signedGrubDirectory(for: .aarch64))
        var loaders: [(source: String, target: String)] = []
        for loader in debian.loaders(for: .aarch64) {
            let scratch = "\(directory)/\(loader.package)"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try await Tool.run("apt-get", ["download", "-qq", "\(loader.package):arm64"], currentDirectory: scratch)
            let deb = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch).first { $0.hasSuffix(".deb") })
            try await Tool.run("dpkg-deb", ["-x", "\(scratch)/\(deb)", scratch + "/root"])
            loaders.append((scratch + "/root" + loader.source, loader.target))
        }
        return loaders
    }

    @Test(
        "aarch64 with --secure-boot: arm64 shim as BOOTAA64.EFI, signed GRUB and MokManager in the ESP and EFI/BOOT, byte for byte as Debian packages them; the early config where the signed GRUB looks; a signed arm64 kernel",
        .oracles("xorriso", "osirrox", "mdir", "mtype", "fsck.fat", "sbverify", "apt-get", "dpkg-deb"))
    func layout() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64-secureboot") { directory in
            let report = try await LiveBuilder.build(Self.options(in: directory))
            #expect(report.kernel.release.hasSuffix("-arm64"), "\(report.kernel.release)")
            let packaged = try await Self.packagedLoaders(in: directory + "/packages")
            #expect(packaged.map(\.target) == ["EFI/BOOT/BOOTAA64.EFI", "EFI/BOOT/grubaa64.efi", "EFI/BOOT/mmaa64.efi"])
            let checked = try await LiveSecureBootTests.expectSignedLayout(
                report, loaders: packaged, kernel: "/boot/aarch64/vmlinuz", in: directory)
            for (target, contents) in checked.contents {
                let machine = try LiveAArch64BuildTests.peMachine(contents)
                #expect(machine == PEMachine.arm64.rawValue, "\(target): \(PEMachine(rawValue: machine))")
            }
            #expect(checked.torito.contains("El Torito boot img :   1  UEFI  y"), "\(checked.torito)")
            #expect(!checked.torito.contains("BIOS"), "\(checked.torito)")
            #expect(!checked.listing.contains("X64"), "no x86-64 loader: \(checked.listing)")
        }
    }

    @Test(
        "Debian's arm64 signed GRUB for CDs looks in /boot/grub, and has every module the early config and the menu use built in",
        .oracles("apt-get", "dpkg-deb"))
    func signedGrubModules() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64-secureboot") { directory in
            let packaged = try await Self.packagedLoaders(in: directory)
            let grub = try LiveSecureBootTests.grubModules(try #require(packaged.first { $0.target == "EFI/BOOT/grubaa64.efi" }).source)
            #expect(grub.prefix == "/boot/grub")
            let needed = LiveSecureBootTests.menuModules
            #expect(needed.isSubset(of: grub.modules), "missing: \(needed.subtracting(grub.modules).sorted())")
        }
    }

    @Test(
        "an arm64 kernel without its signature is refused with its path named; several architectures are refused",
        .oracles("sbattach"))
    func refusedInputs() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64-secureboot") { directory in
            let cached = try KernelLocator(hostRoot: "/nonexistent", architecture: LiveArchitecture.aarch64.rawValue).locate()
            _ = try await LiveSecureBootTests.expectUnsignedKernelRefused(Self.options(in: directory), cached: cached, in: directory)

            var options = Self.options(in: directory)
            options.architectures = [.x86_64, .aarch64]
            await #expect(throws: LiveBuildError.invalidOption(
                "--secure-boot builds one architecture (Debian's signed shim and GRUB of x86_64 or aarch64); "
                    + "use --arch x86_64 or --arch aarch64")
            ) { try await LiveBuilder.build(options) }
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".iso") }
            #expect(left.isEmpty, "leftovers: \(left)")
        }
    }
}
