import BinaryIO
import Compression
import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite("KernelImageArchitecture")
struct KernelImageArchitectureTests {
    /// The head of an arm64 `Image` with an EFI stub as Debian ships it (booting.rst §4, PE/COFF §2–3): `MZ`, the
    /// magic at 0x38, `e_lfanew` 0x40 and the PE header there; `count` bytes in all.
    static func arm64Head(count: Int = 4096) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.replaceSubrange(0..<2, with: Array("MZ".utf8))
        bytes.replaceSubrange(0x38..<0x40, with: [0x41, 0x52, 0x4D, 0x64, 0x40, 0, 0, 0])
        let pe = PECOFFFileHeader(machine: .arm64, sectionCount: 2, optionalHeaderSize: 0xA0, characteristics: 0x206)
        bytes.replaceSubrange(0x40..<0x40 + PECOFFFileHeader.size, with: pe.encode())
        return bytes
    }

    /// The head of an x86 bzImage without an EFI stub: only the setup header's `HdrS` at 0x202 (boot.rst).
    static func plainBzImageHead() -> [UInt8] {
        [UInt8](repeating: 0, count: 0x202) + Array("HdrS".utf8) + [0x0F, 0x02]
    }

    /// Debian's arm64 cloud kernel, fetched into isokit's cache unless it is there.
    static func arm64Kernel() async throws -> String {
        try await KernelFetcher(flavour: .cloud, architecture: .aarch64).fetch().image
    }

    @Test("the cached Debian x86_64 kernel: an x86 bzImage with an x86-64 EFI stub, as file(1) says",
        .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"), .oracles("file"))
    func x86Kernel() async throws {
        let kernel = try KernelLocator(hostRoot: "/nonexistent").locate().image
        let found = try KernelImageArchitecture(path: kernel)
        #expect(found == KernelImageArchitecture(format: .x86BzImage, peMachine: .x86_64))
        #expect(found.architecture == .x86_64)
        #expect("\(found)" == "an x86 bzImage")
        let file = try await Tool.run("file", ["-b", kernel]).stdout
        #expect(file.hasPrefix("Linux kernel x86 boot executable bzImage"), "\(file)")
    }

    @Test("Debian's arm64 kernel: an uncompressed arm64 Image with an arm64 EFI stub, as file(1) says",
        .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"),
        .oracles("file", "apt-get", "dpkg-deb"))
    func arm64Kernel() async throws {
        let kernel = try await Self.arm64Kernel()
        let found = try KernelImageArchitecture(path: kernel)
        #expect(found == KernelImageArchitecture(format: .arm64Image, peMachine: .arm64))
        #expect(found.architecture == .aarch64)
        #expect("\(found)" == "an arm64 kernel Image")
        let file = try await Tool.run("file", ["-b", kernel]).stdout
        #expect(file.hasPrefix("Linux kernel ARM64 boot executable Image"), "\(file)")
    }

    @Test("gzip's Image.gz of the arm64 kernel's first MiB is read through its decompressed start; cut short, that exact error",
        .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"),
        .oracles("gzip", "apt-get", "dpkg-deb"))
    func gzipImage() async throws {
        let kernel = try await Self.arm64Kernel()
        try await withTemporaryDirectory(prefix: "isokit-kernel-arch") { directory in
            let head = try ImageReader(path: kernel).read(at: 0, count: 1 << 20, structure: "kernel")
            let packed = try await Tool.run("gzip", ["-n", "-c"], input: head).standardOutputBytes
            try FileTree.write(["Image.gz": .file(packed), "cut.gz": .file(Array(packed.prefix(20)))], under: directory)
            let found = try KernelImageArchitecture(path: directory + "/Image.gz")
            #expect(found == KernelImageArchitecture(format: .arm64Image, peMachine: .arm64, compression: .gzip))
            #expect("\(found)" == "a gzip-compressed arm64 kernel Image")
            #expect(throws: CompressionError.truncated(format: .gzip, inputOffset: 20)) {
                try KernelImageArchitecture(path: directory + "/cut.gz")
            }
        }
    }

    @Test("made in code: an arm64 Image with its stub, and a bzImage without one")
    func synthetic() throws {
        #expect(try KernelImageArchitecture(bytes: Self.arm64Head()[...], at: 0)
            == KernelImageArchitecture(format: .arm64Image, peMachine: .arm64))
        let plain = try KernelImageArchitecture(bytes: Self.plainBzImageHead()[...], at: 0)
        #expect(plain == KernelImageArchitecture(format: .x86BzImage, peMachine: nil))
        #expect(KernelImageArchitecture.expected(for: .aarch64) == "an arm64 kernel Image")
        #expect(KernelImageArchitecture.expected(for: .x86_64) == "an x86 bzImage")
    }

    @Test("without the arm64 magic an EFI program; without MZ too, no kernel: that exact error")
    func noLinuxHeader() throws {
        var bytes = Self.arm64Head()
        bytes[0x3B] = 0x65  // "ARM\x65"
        let program = try KernelImageArchitecture(bytes: bytes[...], at: 0)
        #expect(program == KernelImageArchitecture(format: .efiProgram, peMachine: .arm64))
        #expect(program.architecture == nil)
        #expect("\(program)" == "an EFI program for arm64 (0xAA64) without a Linux boot header")
        bytes[0] = 0x4E  // "NZ"
        #expect(throws: DecodeError.invalidValue(
            field: "kernel image header", offset: 0,
            reason: "no x86 boot protocol \"HdrS\" at 0x202, arm64 Image magic \"ARM\\x64\" at 0x38 or PE/COFF \"MZ\" at 0")
        ) { try KernelImageArchitecture(bytes: bytes[...], at: 0) }
    }

    @Test("a PE machine that contradicts the Linux header, a broken PE signature, e_lfanew past the bytes, too few bytes: those exact errors")
    func corrupted() {
        var bytes = Self.arm64Head()
        bytes[0x45] = 0x86  // machine 0xAA64 → 0x8664
        bytes[0x44] = 0x64
        #expect(throws: DecodeError.invalidValue(
            field: "PE machine", offset: 0x44, reason: "x86-64 (0x8664) in an arm64 Image (\"ARM\\x64\" at 0x38)")
        ) { try KernelImageArchitecture(bytes: bytes[...], at: 0) }

        bytes = Self.arm64Head()
        bytes[0x41] = 0x58  // "PX\0\0"
        #expect(throws: DecodeError.badSignature(
            structure: "PE signature and COFF file header", offset: 0x40, expected: [0x50, 0x45, 0, 0], found: [0x50, 0x58, 0, 0])
        ) { try KernelImageArchitecture(bytes: bytes[...], at: 0) }

        bytes = Self.arm64Head()
        bytes[0x3E] = 0x01  // e_lfanew 0x40 → 0x10040, past the 4096 bytes
        #expect(throws: DecodeError.truncated(
            structure: "PE signature and COFF file header", offset: 0x10040, needed: 24, available: 0)
        ) { try KernelImageArchitecture(bytes: bytes[...], at: 0) }

        #expect(throws: DecodeError.truncated(structure: "kernel image header", offset: 0, needed: 0x206, available: 0x205)) {
            try KernelImageArchitecture(bytes: Self.plainBzImageHead()[..<0x205], at: 0)
        }
    }
}
