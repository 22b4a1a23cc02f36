import BinaryIO
import Compression
import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite(
    "Live aarch64 build", .serialized,
    .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"))
struct LiveAArch64BuildTests {
    /// The little-endian 16-bit value at `offset` of `bytes`.
    static func uint16(_ bytes: [UInt8], at offset: Int) throws -> UInt16 {
        try #require(offset + 2 <= bytes.count, "\(bytes.count) bytes, need \(offset + 2)")
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The machine field of a PE/COFF image (PE Format §"COFF File Header": after `PE\0\0` at `e_lfanew`).
    static func peMachine(_ bytes: [UInt8]) throws -> UInt16 {
        let header = Int(try uint16(bytes, at: 0x3C))
        try #require(bytes.count > header + 6 && bytes[header..<header + 4].elementsEqual(Array("PE\0\0".utf8)))
        return try uint16(bytes, at: header + 4)
    }

    @Test(
        "the rescue default for aarch64: only a UEFI El Torito entry, BOOTAA64.EFI (PE machine 0xAA64) in the ESP, an arm64 kernel, busybox and modules",
        .oracles("xorriso", "sgdisk", "mcopy", "mdir", "cpio", "osirrox", "apt-get", "dpkg-deb"))
    func rescueLayout() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64") { directory in
            var options = LiveFixture.aarch64Options(.rescue, in: directory)
            options.cmdlineExtra = ["isokit.selftest"]
            let report = try await LiveBuilder.build(options)
            let image = report.output
            #expect(report.kernel.release.hasSuffix("-arm64"), "\(report.kernel.release)")
            #expect(report.initramfsModules > 10)

            let torito = try await Tool.run("xorriso", ["-indev", image, "-report_el_torito", "plain"]).stdout
            #expect(torito.contains("El Torito boot img :   1  UEFI  y"), "\(torito)")
            #expect(!torito.contains("BIOS"), "\(torito)")
            let gpt = try await Tool.run("sgdisk", ["-v", image])
            #expect(gpt.stdout.contains("No problems found."), "\(gpt.stdout)")
            let systemArea = try ImageReader(path: image).read(at: 0, count: 440, structure: "MBR boot code")
            #expect(systemArea.allSatisfy { $0 == 0 }, "no MBR boot code")

            let out = directory + "/x"
            try await Tool.run("osirrox", [
                "-indev", image, "-extract", "/boot", out + "/boot", "-extract", "/live", out + "/live",
            ])
            #expect(!FileManager.default.fileExists(atPath: out + "/boot/grub/i386-pc"))
            #expect(!FileManager.default.fileExists(atPath: out + "/boot/x86_64"))
            let esp = out + "/boot/grub/efi.img"
            let listing = try await Tool.run("mdir", ["-i", esp, "-b", "-/", "::/"]).stdout
            #expect(listing.split(separator: "\n").filter { $0.hasSuffix(".EFI") } == ["::/EFI/BOOT/BOOTAA64.EFI"], "\(listing)")
            try await Tool.run("mcopy", ["-i", esp, "::/EFI/BOOT/BOOTAA64.EFI", out + "/BOOTAA64.EFI"])
            #expect(try Self.peMachine(try ContentCompare.contents(of: out + "/BOOTAA64.EFI")) == 0xAA64)

            // Linux Documentation/arch/arm64/booting.rst: the Image header's magic "ARM\x64" at offset 0x38.
            let kernel = try ImageReader(path: out + "/boot/aarch64/vmlinuz").read(at: 0x38, count: 4, structure: "Image header")
            #expect(kernel == [0x41, 0x52, 0x4D, 0x64])

            let grub = try String(contentsOfFile: out + "/boot/grub/grub.cfg", encoding: .utf8)
            #expect(grub.contains("linux /boot/aarch64/vmlinuz isokit.label=ISOKIT_TEST console=tty0 console=ttyAMA0,115200"), "\(grub)")
            #expect(grub.contains("initrd /boot/aarch64/initrd.img"))
            #expect(!grub.contains("serial --unit"), "GRUB's PC serial port is not on the virt board")

            let packed = try ContentCompare.contents(of: out + "/boot/aarch64/initrd.img")
            let archive = try Decompressor(format: CompressionFormat(detecting: packed)).decompress(packed)
            let members = try await Tool.run("cpio", ["-t", "--quiet"], input: archive).stdout.split(separator: "\n")
            let module = try #require(members.first { $0.hasSuffix("/isofs.ko") })
            for member in ["bin/busybox", String(module)] {
                let bytes = try await Tool.run("cpio", ["-i", "--quiet", "--to-stdout", member], input: archive).standardOutputBytes
                #expect(try Self.uint16(bytes, at: 18) == 183, "\(member): ELF machine EM_AARCH64")
            }
            let manifest = try String(contentsOfFile: out + "/live/manifest.json", encoding: .utf8)
            #expect(manifest.contains("/boot/aarch64/vmlinuz"))
        }
    }

    @Test(
        "another architecture's kernel, by --kernel or in the root's /boot, is refused naming what it is; --kernel before anything is fetched; nothing written",
        .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
        .oracles("apt-get", "dpkg-deb"))
    func wrongKernel() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64") { directory in
            let x86 = try KernelLocator(hostRoot: "/nonexistent").locate()
            var options = LiveFixture.aarch64Options(.rescue, in: directory)
            options.cache = IsokitCache(root: directory + "/cache")
            options.kernel = x86.image
            let error = await #expect(throws: LiveBuildError.wrongKernel(path: x86.image, found: "an x86 bzImage", architecture: .aarch64)) {
                try await LiveBuilder.build(options)
            }
            #expect(error.map { "\($0)" } == "\(x86.image): an x86 bzImage, but --arch aarch64 needs an arm64 kernel Image")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "nothing fetched or written")

            let arm64 = try await KernelFetcher(flavour: .cloud, architecture: .aarch64).fetch()
            options = LiveFixture.options(.rescue, in: directory)
            options.kernel = arm64.image
            options.modules = arm64.modulesDirectory
            await #expect(throws: LiveBuildError.wrongKernel(path: arm64.image, found: "an arm64 kernel Image", architecture: .x86_64)) {
                try await LiveBuilder.build(options)
            }

            // A root with an x86_64 kernel in its /boot, built for aarch64: found by the locator, refused the same way.
            let root = directory + "/root"
            try LiveFixture.scriptedRoot(
                at: root, script: "poweroff -f\n",
                files: ["boot/.keep": .text(""), "lib/modules/\(x86.release)/.keep": .text("")])
            try FileManager.default.createSymbolicLink(atPath: root + "/boot/vmlinuz-\(x86.release)", withDestinationPath: x86.image)
            options = LiveFixture.aarch64Options(.directory(root), in: directory)
            await #expect(throws: LiveBuildError.wrongKernel(
                path: root + "/boot/vmlinuz-\(x86.release)", found: "an x86 bzImage", architecture: .aarch64)
            ) { try await LiveBuilder.build(options) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["root"], "nothing written")
        }
    }

    @Test("bad input: --add of an x86_64 program, an unknown package, a Xen CD, multi-architecture Secure Boot — clear errors, nothing written")
    func badInput() async throws {
        try await withTemporaryDirectory(prefix: "isokit-aarch64") { directory in
            var options = LiveFixture.aarch64Options(.rescue, in: directory)
            options.programs = ["/bin/busybox"]
            await #expect(throws: LiveBuildError.programs(.wrongMachine(path: "/bin/busybox", machine: 62, expected: 183))) {
                try await LiveBuilder.build(options)
            }
            options.programs = []
            options.xen = LiveXenOptions()
            await #expect(throws: LiveBuildError.invalidOption("a Xen live CD is x86_64 only; leave out --xen or use --arch x86_64")) {
                try await LiveBuilder.build(options)
            }
            options.xen = nil
            options.secureBoot = SecureBootOptions()
            options.architectures = [.x86_64, .aarch64]
            await #expect(throws: LiveBuildError.invalidOption(
                "--secure-boot builds one architecture (Debian's signed shim and GRUB of x86_64 or aarch64); "
                    + "use --arch x86_64 or --arch aarch64")
            ) { try await LiveBuilder.build(options) }
            options.architectures = [.aarch64]
            options.secureBoot = nil
            options.architectures = []
            await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            options.architectures = [.x86_64, .aarch64]
            options.kernel = "/boot/vmlinuz"
            await #expect(throws: LiveBuildError.invalidOption(
                "--kernel and --modules name one architecture's kernel; leave them out with several architectures")
            ) { try await LiveBuilder.build(options) }
            options.kernel = nil

            let packages = DebianPackageCache(cache: IsokitCache(root: directory + "/cache"), architecture: .aarch64)
            let error = await #expect(throws: LiveBuildError.self) { try await packages.extracted("isokit-no-such-package") }
            let text = error.map { "\($0)" } ?? ""
            #expect(text.hasPrefix("isokit-no-such-package:arm64: apt cannot download this package"), "\(text)")
            #expect(text.hasSuffix("enable the architecture with `dpkg --add-architecture arm64 && apt-get update`"), "\(text)")
            let fetcher = KernelFetcher(
                cache: IsokitCache(root: directory + "/cache"), metapackage: "isokit-no-such-kernel-arm64", architecture: "aarch64")
            let kernelError = await #expect(throws: LiveBuildError.self) { try await fetcher.fetch() }
            guard case .missingPackage(let package, "arm64", _) = kernelError else {
                Issue.record("\(String(describing: kernelError))")
                return
            }
            #expect(package == "isokit-no-such-kernel-arm64")
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "cache" }
            #expect(left.isEmpty, "leftovers: \(left)")
            let cached = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/cache/packages/arm64")) ?? []
            #expect(cached.isEmpty, "leftovers in the cache: \(cached)")
        }
    }
}
