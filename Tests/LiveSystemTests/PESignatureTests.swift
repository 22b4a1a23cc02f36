import BinaryIO
import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite(
    "PESignature", .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
struct PESignatureTests {
    /// The cached Debian kernel, which Debian signs for Secure Boot.
    static func signedKernel() throws -> String {
        try KernelLocator(hostRoot: "/nonexistent").locate().image
    }

    /// objdump's `Entry 4 <offset> <size> Security Directory` line, as numbers.
    static func objdumpSecurityDirectory(_ image: String) async throws -> (UInt64, UInt64) {
        let dump = try await Tool.run("objdump", ["-p", image]).stdout
        let line = try #require(dump.split(separator: "\n").first { $0.hasSuffix("Security Directory") })
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        try #require(words.count >= 4, "\(line)")
        return (try #require(UInt64(words[2], radix: 16)), try #require(UInt64(words[3], radix: 16)))
    }

    @Test("reads a signed Debian kernel's certificate table as objdump and sbverify do, and re-encodes it byte-exact",
        .oracles("objdump", "sbverify"))
    func signedKernel() async throws {
        let kernel = try Self.signedKernel()
        let location = try #require(try PESignature.certificateTable(in: kernel))
        let (offset, size) = try await Self.objdumpSecurityDirectory(kernel)
        #expect(UInt64(location.entry.fileOffset) == offset && UInt64(location.entry.byteCount) == size)
        let onDisk = try ImageReader(path: kernel).read(at: location.entryOffset, count: 8, structure: "entry")
        #expect(location.entry.encode() == onDisk)
        let certificate = try #require(try PESignature.firstCertificate(in: kernel))
        #expect(certificate.isAuthenticode)
        #expect(certificate.length <= location.entry.byteCount)
        let listing = try await Tool.run("sbverify", ["--list", kernel]).stdout
        #expect(listing.contains("signature 1"), "\(listing)")
    }

    @Test("a kernel whose signature sbattach removed has an empty certificate table", .oracles("sbattach", "objdump"))
    func strippedKernel() async throws {
        try await withTemporaryDirectory(prefix: "isokit-pe") { directory in
            let stripped = directory + "/vmlinuz"
            try FileManager.default.copyItem(atPath: try Self.signedKernel(), toPath: stripped)
            try await Tool.run("sbattach", ["--remove", stripped])
            let location = try #require(try PESignature.certificateTable(in: stripped))
            #expect(location.entry.isEmpty)
            #expect(try PESignature.firstCertificate(in: stripped) == nil)
            let (offset, size) = try await Self.objdumpSecurityDirectory(stripped)
            #expect(offset == 0 && size == 0)
        }
    }

    @Test("a file that is not a PE image: the MS-DOS signature is named at offset 0")
    func notPE() async throws {
        try await withTemporaryDirectory(prefix: "isokit-pe") { directory in
            try FileTree.write(["junk": .file(Array(repeating: 0x41, count: 128), mode: 0o644)], under: directory)
            #expect(throws: DecodeError.badSignature(structure: "MS-DOS header", offset: 0, expected: [0x4D, 0x5A], found: [0x41, 0x41])) {
                try PESignature.certificateTable(in: directory + "/junk")
            }
        }
    }

    @Test("one corrupted byte in the kernel's PE signature: that exact error at e_lfanew")
    func corruptedPESignature() async throws {
        try await withTemporaryDirectory(prefix: "isokit-pe") { directory in
            let kernel = try Self.signedKernel()
            let head = try ImageReader(path: kernel).read(at: 0, count: 4096, structure: "head")
            var reader = ByteReader(head[0x3C...], at: 0x3C, structure: "e_lfanew")
            let peOffset = Int(try reader.uint32LE())
            var broken = head
            broken[peOffset + 1] = 0x58  // "PX\0\0"
            try FileTree.write(["pe": .file(broken, mode: 0o644)], under: directory)
            #expect(throws: DecodeError.badSignature(
                structure: "PE signature and COFF file header", offset: Int64(peOffset), expected: [0x50, 0x45, 0, 0],
                found: [0x50, 0x58, 0, 0])) { try PESignature.certificateTable(in: directory + "/pe") }
        }
    }
}
