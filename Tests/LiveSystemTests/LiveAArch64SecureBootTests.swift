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
            let image = try ISOImage(path: report.output)
            let esp = try image.entry(at: "/boot/grub/efi.img")
            let fat = try FATImage(reader: try ImageReader(path: report.output), offset: try #require(esp.extents.first).byteOffset)
            let packaged = try await Self.packagedLoaders(in: directory + "/packages")
            #expect(packaged.map(\.target) == ["EFI/BOOT/BOOTAA64.EFI", "EFI/BOOT/grubaa64.efi", "EFI/BOOT/mmaa64.efi"])
            for loader in packaged {
                let expected = try ContentCompare.contents(of: loader.source)
                #expect(try fat.read(loader.target) == expected, "ESP \(loader.target)")
                #expect(try image.contents(of: "/" + loader.target) == expected, "ISO /\(loader.target)")
                let machine = try LiveAArch64BuildTests.peMachine(expected)
                #expect(machine == PEMachine.arm64.rawValue, "\(loader.target): \(PEMachine(rawValue: machine))")
            }
            let early = GrubEarlyConfiguration(label: "ISOKIT_TEST").render()
            #expect(try fat.read("boot/grub/grub.cfg") == Array(early.utf8))
            #expect(String(decoding: try image.contents(of: "/.disk/info"), as: UTF8.self).hasPrefix("isokit live ISOKIT_TEST"))
            // The signed GRUB cannot load modules: the menu must only use commands built into it.
            let menu = String(decoding: try image.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
            #expect(!menu.contains("insmod"))
            #expect(menu.contains("linux /boot/aarch64/vmlinuz"), "\(menu)")

            let torito = try await Tool.run("xorriso", ["-indev", report.output, "-report_el_torito", "plain"]).stdout
            #expect(torito.contains("El Torito boot img :   1  UEFI  y"), "\(torito)")
            #expect(!torito.contains("BIOS"), "\(torito)")
            let out = directory + "/x"
            try await Tool.run("osirrox", ["-indev", report.output, "-extract", "/boot", out + "/boot"])
            let espImage = out + "/boot/grub/efi.img"
            #expect(try await Tool.run("fsck.fat", ["-n", espImage]).status == 0)
            let listing = try await Tool.run("mdir", ["-i", espImage, "-b", "-/", "::/"]).stdout
            for path in ["::/EFI/BOOT/BOOTAA64.EFI", "::/EFI/BOOT/grubaa64.efi", "::/EFI/BOOT/mmaa64.efi", "::/boot/grub/grub.cfg"] {
                #expect(listing.contains(path), "\(path) missing: \(listing)")
            }
            #expect(!listing.contains("X64"), "no x86-64 loader: \(listing)")
            #expect(try await Tool.run("mtype", ["-i", espImage, "::/boot/grub/grub.cfg"]).stdout == early)
            let signatures = try await Tool.run("sbverify", ["--list", out + "/boot/aarch64/vmlinuz"]).stdout
            #expect(signatures.contains("signature 1"), "\(signatures)")
            #expect(signatures.contains("Debian Secure Boot"), "\(signatures)")
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
            let unsigned = directory + "/vmlinuz-" + cached.release
            try FileManager.default.copyItem(atPath: cached.image, toPath: unsigned)
            try await Tool.run("sbattach", ["--remove", unsigned])
            var options = Self.options(in: directory)
            options.kernel = unsigned
            options.modules = cached.modulesDirectory
            let error = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            let message = error.map { "\($0)" } ?? ""
            #expect(message.hasPrefix(unsigned + ": the kernel has no Secure Boot signature"), "\(message)")

            options = Self.options(in: directory)
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
