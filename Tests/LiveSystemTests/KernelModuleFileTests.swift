import BinaryIO
import Compression
import ELF
import Foundation
import TestSupport
import Testing

@testable import LiveSystem

@Suite("KernelModuleFile")
struct KernelModuleFileTests {
    static let compressors: [(tool: [String], suffix: String)] = [
        (["xz", "-C", "crc32"], ".xz"), (["zstd", "--rm"], ".zst"), (["gzip", "-n"], ".gz"),
    ]

    @Test(
        "a compressed module gives the same .modinfo as the plain one", .kernelModules, .oracles("xz", "zstd", "gzip"),
        arguments: compressors)
    func compressed(tool: [String], suffix: String) async throws {
        let module = "kernel/drivers/scsi/sr_mod.ko"
        let plain = try await ModuleTree(modules: [module])
        let packed = try await ModuleTree(modules: [module]) { _ in (tool, suffix) }
        let expected = try KernelModuleFile.moduleInfo(at: plain.path + "/" + module)
        #expect(!FileManager.default.fileExists(atPath: packed.path + "/" + module))
        let info = try KernelModuleFile.moduleInfo(at: packed.path + "/" + module + suffix)
        #expect(info == expected)
        #expect(info.depends == ["scsi_mod", "cdrom", "scsi_common"])
    }

    @Test("a damaged compressed module is an error naming the file", .kernelModules, .oracles("xz"))
    func damaged() async throws {
        let module = "kernel/drivers/block/loop.ko"
        let tree = try await ModuleTree(modules: [module]) { _ in (["xz", "-C", "crc32"], ".xz") }
        let path = tree.path + "/" + module + ".xz"
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast(bytes.count / 2)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ImageError.self) { try KernelModuleFile.moduleInfo(at: path) }
        #expect(error.image == path)
        #expect(error.underlying is CompressionError)
    }

    @Test("a file that is not ELF is an error naming the file")
    func notELF() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path("bogus.ko")
        try Data(String(repeating: "this is not a module, ", count: 4).utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ImageError.self) { try KernelModuleFile.moduleInfo(at: path) }
        #expect(error.image == path)
        #expect(
            error.underlying as? DecodeError
                == .badSignature(
                    structure: "ELF header", offset: 0, expected: ELFHeader.magic, found: Array("this".utf8)))
    }
}
