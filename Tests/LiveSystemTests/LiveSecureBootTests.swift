import BinaryIO
import BootConfig
import DiskFormats
import ELF
import Foundation
import ISO9660
import LiveSystem
import TestSupport
import Testing

@Suite(
    "Live Secure Boot build", .serialized,
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
struct LiveSecureBootTests {
    /// Whether Debian's signed shim and GRUB are installed (or oracles are required, so their absence fails).
    static var loadersInstalled: Bool {
        Oracle.required || SecureBootOptions().loaders.allSatisfy { FileManager.default.fileExists(atPath: $0.source) }
    }

    /// Options for a Secure Boot build of the rescue default.
    static func options(in directory: String, name: String = "secure") -> LiveBuildOptions {
        var options = LiveFixture.options(.rescue, in: directory, name: name)
        options.secureBoot = SecureBootOptions()
        return options
    }

    /// What every Secure Boot image holds, whatever its architecture: `loaders` in the ESP and in the ISO's
    /// `EFI/BOOT` byte for byte; the early config where the signed GRUB looks (read natively and with mtools, the ESP
    /// clean for fsck.fat); `/.disk/info`; a menu without `insmod` that boots `kernel`, which carries Debian's
    /// signature (sbverify). Returns xorriso's El Torito report and the ESP's listing for the checks of one
    /// architecture.
    static func expectSignedLayout(
        _ report: LiveBuildReport, loaders: [(source: String, target: String)], kernel: String, in directory: String
    ) async throws -> (torito: String, listing: String, contents: [String: [UInt8]]) {
        let image = try ISOImage(path: report.output)
        let esp = try image.entry(at: "/boot/grub/efi.img")
        let fat = try FATImage(reader: try ImageReader(path: report.output), offset: try #require(esp.extents.first).byteOffset)
        var contents: [String: [UInt8]] = [:]
        for loader in loaders {
            let packaged = try ContentCompare.contents(of: loader.source)
            #expect(try fat.read(loader.target) == packaged, "ESP \(loader.target)")
            #expect(try image.contents(of: "/" + loader.target) == packaged, "ISO /\(loader.target)")
            contents[loader.target] = packaged
        }
        let early = GrubEarlyConfiguration(label: "ISOKIT_TEST").render()
        #expect(try fat.read("boot/grub/grub.cfg") == Array(early.utf8))
        #expect(String(decoding: try image.contents(of: "/.disk/info"), as: UTF8.self).hasPrefix("isokit live ISOKIT_TEST"))
        // The signed GRUB cannot load modules: the menu must only use commands built into it.
        let menu = String(decoding: try image.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
        #expect(!menu.contains("insmod"))
        #expect(menu.contains("linux " + kernel), "\(menu)")

        // The oracles: xorriso's El Torito report, then mtools and fsck.fat on the ESP, sbverify on the kernel.
        let torito = try await Tool.run("xorriso", ["-indev", report.output, "-report_el_torito", "plain"]).stdout
        let out = directory + "/x"
        try await Tool.run("osirrox", ["-indev", report.output, "-extract", "/boot", out + "/boot"])
        let espImage = out + "/boot/grub/efi.img"
        #expect(try await Tool.run("fsck.fat", ["-n", espImage]).status == 0)
        let listing = try await Tool.run("mdir", ["-i", espImage, "-b", "-/", "::/"]).stdout
        for path in loaders.map({ "::/" + $0.target }) + ["::/boot/grub/grub.cfg"] {
            #expect(listing.contains(path), "\(path) missing: \(listing)")
        }
        #expect(try await Tool.run("mtype", ["-i", espImage, "::/boot/grub/grub.cfg"]).stdout == early)
        let signatures = try await Tool.run("sbverify", ["--list", out + kernel]).stdout
        #expect(signatures.contains("signature 1"), "\(signatures)")
        #expect(signatures.contains("Debian Secure Boot"), "\(signatures)")
        return (torito, listing, contents)
    }

    /// Builds with `options` and a copy of `cached`'s kernel whose signature `sbattach --remove` took out, and expects
    /// the refusal naming that copy; returns the options with it.
    static func expectUnsignedKernelRefused(
        _ options: LiveBuildOptions, cached: KernelSource, in directory: String
    ) async throws -> LiveBuildOptions {
        let unsigned = directory + "/vmlinuz-" + cached.release
        try FileManager.default.copyItem(atPath: cached.image, toPath: unsigned)
        try await Tool.run("sbattach", ["--remove", unsigned])
        var unsignedOptions = options
        unsignedOptions.kernel = unsigned
        unsignedOptions.modules = cached.modulesDirectory
        let refused = unsignedOptions
        let error = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(refused) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix(unsigned + ": the kernel has no Secure Boot signature"), "\(message)")
        return refused
    }

    @Test(
        "the rescue default with --secure-boot: signed shim, GRUB and MokManager in the ESP and EFI/BOOT, byte for byte; the early config where the signed GRUB looks; a signed kernel",
        .enabled(if: loadersInstalled, "needs shim-signed and grub-efi-amd64-signed"),
        .oracles("xorriso", "osirrox", "mdir", "mtype", "fsck.fat", "sbverify"))
    func layout() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot") { directory in
            let secureBoot = SecureBootOptions()
            let report = try await LiveBuilder.build(Self.options(in: directory))
            // Without --kernel: Debian's generic kernel, which drives SATA CD drives (the cloud one does not).
            #expect(try KernelConfiguration.of(report.kernel)?.drivesSATA == true, "\(report.kernel.image)")
            let loaders = secureBoot.loaders.map { (source: $0.source, target: $0.target) }
            let checked = try await Self.expectSignedLayout(report, loaders: loaders, kernel: "/boot/x86_64/vmlinuz", in: directory)
            #expect(checked.torito.contains("El Torito boot img :   1  BIOS  y"), "\(checked.torito)")
            #expect(checked.torito.contains("El Torito boot img :   2  UEFI  y"), "\(checked.torito)")
        }
    }

    /// The raw data of the section `name` of the PE image at `path`, found through the section table (PE/COFF
    /// §4: 40-byte headers after the optional header; the raw size at 16 and the file offset at 20). The host's
    /// binutils cut sections out of x86-64 images only, so an arm64 GRUB is read this way.
    static func peSection(_ name: String, in path: String) throws -> [UInt8] {
        let file = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        var dos = ByteReader(file[...], at: 0, structure: "MS-DOS header")
        try dos.skip(0x3C)
        let peOffset = Int(try dos.uint32LE())
        try #require(peOffset + PECOFFFileHeader.size <= file.count)
        let coff = try PECOFFFileHeader(bytes: file[peOffset..<(peOffset + PECOFFFileHeader.size)], at: Int64(peOffset))
        let table = peOffset + PECOFFFileHeader.size + Int(coff.optionalHeaderSize)
        for index in 0..<Int(coff.sectionCount) {
            let start = table + index * 40
            try #require(start + 40 <= file.count)
            var header = ByteReader(file[start..<(start + 40)], at: Int64(start), structure: "PE section header")
            let sectionName = String(decoding: try header.bytes(8).prefix { $0 != 0 }, as: UTF8.self)
            try header.skip(8)
            let size = Int(try header.uint32LE())
            let offset = Int(try header.uint32LE())
            guard sectionName == name else { continue }
            try #require(offset + size <= file.count)
            return Array(file[offset..<(offset + size)])
        }
        Issue.record("no section \(name) in \(path)")
        return []
    }

    /// The modules built into a signed GRUB image and its embedded prefix, read from its `mods` section (GRUB's
    /// `struct grub_module_info64`: magic `mimg`, then module headers of type and size; ELF modules are type 0,
    /// the prefix type 3), cut out of the PE file by ``peSection(_:in:)``.
    static func grubModules(_ image: String) throws -> (modules: Set<String>, prefix: String?) {
        let bytes = try peSection("mods", in: image)
        var header = ByteReader(bytes[...], at: 0, structure: "grub_module_info64")
        try header.expect(Array("mimg".utf8))  // GRUB_MODULE_MAGIC 0x676d696d, little-endian
        try header.skip(4)
        let start = Int(try header.uint64LE())
        let end = Int(try header.uint64LE())
        try #require(start <= end && end <= bytes.count)
        var modules: Set<String> = []
        var prefix: String?
        var position = start
        while position + 8 <= end {
            var module = ByteReader(bytes[position..<end], at: Int64(position), structure: "grub_module_header")
            let type = try module.uint32LE()
            let size = Int(try module.uint32LE())
            try #require(size >= 8 && position + size <= end)
            let body = Array(bytes[(position + 8)..<(position + size)])
            if type == 0, let name = try ELFFile(bytes: body).section(named: ".modname") {
                modules.insert(String(decoding: name.prefix { $0 != 0 }, as: UTF8.self))
            } else if type == 3 {
                prefix = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
            }
            position += size
        }
        return (modules, prefix)
    }

    /// The modules of the commands the early config and the live menu use, which a signed GRUB must have built in.
    static let menuModules: Set = [
        "search", "search_label", "configfile", "serial", "terminal", "normal", "linux", "iso9660", "fat",
        "part_gpt", "part_msdos", "echo", "test",
    ]

    @Test(
        "Debian's signed GRUB for CDs looks in /boot/grub, and has every module the early config and the menu use built in",
        .enabled(if: loadersInstalled, "needs shim-signed and grub-efi-amd64-signed"), .oracles("objcopy"))
    func signedGrubModules() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot") { directory in
            // objcopy cuts the same section out of the x86-64 image.
            let section = directory + "/mods.bin"
            try await Tool.run("objcopy", ["-O", "binary", "--only-section=mods", SecureBootOptions().grub, section])
            let cut = try Array(Data(contentsOf: URL(fileURLWithPath: section)))
            let read = try Self.peSection("mods", in: SecureBootOptions().grub)
            #expect(read.count >= cut.count && read.prefix(cut.count).elementsEqual(cut))
            let grub = try Self.grubModules(SecureBootOptions().grub)
            #expect(grub.prefix == "/boot/grub")
            #expect(Self.menuModules.isSubset(of: grub.modules), "missing: \(Self.menuModules.subtracting(grub.modules).sorted())")
        }
    }

    @Test("missing shim or signed GRUB: the error names the file and the Debian package; nothing is written")
    func missingLoaders() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot") { directory in
            try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
            var options = Self.options(in: directory)
            options.secureBoot = SecureBootOptions(shimDirectory: directory + "/empty")
            await #expect(throws: LiveBuildError.badInput(
                path: directory + "/empty/shimx64.efi.signed", reason: "missing; --secure-boot needs it (install shim-signed)")
            ) { try await LiveBuilder.build(options) }
            options.secureBoot = SecureBootOptions(
                shimDirectory: SecureBootOptions.defaultShimDirectory, signedGrubDirectory: directory + "/empty")
            if FileManager.default.fileExists(atPath: SecureBootOptions().shim) {
                await #expect(throws: LiveBuildError.badInput(
                    path: directory + "/empty/gcdx64.efi.signed",
                    reason: "missing; --secure-boot needs it (install grub-efi-amd64-signed)")
                ) { try await LiveBuilder.build(options) }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["empty"])
        }
    }

    @Test(
        "an unsigned kernel, or one that is no PE image, is refused with its path named; so is --xen",
        .enabled(if: loadersInstalled, "needs shim-signed and grub-efi-amd64-signed"), .oracles("sbattach"))
    func refusedInputs() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot") { directory in
            var options = try await Self.expectUnsignedKernelRefused(
                Self.options(in: directory), cached: try KernelLocator(hostRoot: "/nonexistent").locate(), in: directory)

            let fake = try LiveFixture.fakeKernel(in: directory)
            options.kernel = fake.kernel
            options.modules = fake.modules
            let notPE = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            #expect("\(notPE.map { "\($0)" } ?? "")".hasPrefix(fake.kernel + ": not an EFI (PE/COFF) kernel image"))

            options = Self.options(in: directory)
            options.xen = LiveXenOptions()
            let xen = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            #expect("\(xen.map { "\($0)" } ?? "")".hasPrefix("--secure-boot cannot be combined with --xen"))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".iso") }
            #expect(left.isEmpty, "leftovers: \(left)")
        }
    }

    @Test("the recipe key secure_boot = true turns it on; absent or false leaves it off")
    func recipe() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot") { directory in
            let on = try LiveFixture.recipeOptions("secure_boot = true\n", in: directory, name: "on")
            #expect(on.secureBoot == SecureBootOptions())
            let off = try LiveFixture.recipeOptions("secure_boot = false\n", in: directory, name: "off")
            #expect(off.secureBoot == nil)
            let absent = try LiveFixture.recipeOptions("timeout = 1\n", in: directory, name: "absent")
            #expect(absent.secureBoot == nil)
        }
    }
}
