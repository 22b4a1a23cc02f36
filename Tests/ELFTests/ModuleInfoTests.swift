import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ELF

@Suite("ModuleInfo")
struct ModuleInfoTests {
    static let sample = ModuleInfo(
        entries: [
            .init(key: "alias", value: "fs-demo"),
            .init(key: "softdep", value: "pre: crc32c sha256 post: demo_extra", paddingBefore: 3),
            .init(key: "depends", value: "scsi_mod,cdrom"),
            .init(key: "alias", value: "demo"),
            .init(key: "description", value: "a = b"),
            .init(key: "name", value: "demo_fs"),
        ], trailingPadding: 2)

    @Test("round trip, padding included")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.starts(with: Array("alias=fs-demo\0\0\0\0softdep=".utf8)))
        #expect(try ModuleInfo(bytes: bytes[...], at: 0) == Self.sample)
    }

    @Test("accessors")
    func accessors() {
        let info = Self.sample
        #expect(info.name == "demo_fs")
        #expect(info.depends == ["scsi_mod", "cdrom"])
        #expect(info.aliases == ["fs-demo", "demo"])
        #expect(info.softdepPre == ["crc32c", "sha256"])
        #expect(info.softdepPost == ["demo_extra"])
        #expect(info.values(for: "description") == ["a = b"])
        #expect(info.versionMagic == nil)
        #expect(ModuleInfo(entries: [.init(key: "depends", value: "")]).depends.isEmpty)
    }

    @Test("sr_mod's .modinfo: name and dependencies, byte-exact against objcopy", .kernelModules, .oracles("objcopy"))
    func srMod() async throws {
        let path = try ELFFixture.module("kernel/drivers/scsi/sr_mod.ko")
        let info = try ModuleInfo(elf: ELFFile(reader: ImageReader(path: path)))
        #expect(info.name == "sr_mod")
        #expect(info.depends == ["scsi_mod", "cdrom", "scsi_common"])
        #expect(info.aliases.contains("block-major-11-*"))
        #expect(info.versionMagic?.hasPrefix("6.1.0") == true)
        try await withTemporaryDirectory { directory in
            let section = directory + "/modinfo.bin"
            try await Tool.run("objcopy", ["-O", "binary", "--only-section=.modinfo", path, section])
            #expect(info.encode() == (try ELFFixture.bytes(of: section)))
        }
    }

    @Test("every module of the cached kernel has a .modinfo that re-encodes byte for byte", .kernelModules)
    func everyModule() throws {
        let directory = try KernelCache.requireModulesDirectory()
        let paths = (FileManager.default.enumerator(atPath: directory + "/kernel")?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".ko") }
        #expect(paths.count > 1000)
        for path in paths {
            let elf = try ELFFile(reader: ImageReader(path: directory + "/kernel/" + path))
            let section = try #require(elf.firstSection(named: ModuleInfo.sectionName), "\(path)")
            let bytes = try elf.contents(of: section)
            let info = try ModuleInfo(bytes: bytes, at: Int64(section.header.offset))
            #expect(info.encode() == Array(bytes), "\(path)")
            #expect(info.name != nil, "\(path)")
        }
    }

    @Test("isofs answers to the alias iso9660 and needs cdrom", .kernelModules)
    func isofs() throws {
        let path = try ELFFixture.module("kernel/fs/isofs/isofs.ko")
        let info = try ModuleInfo(elf: ELFFile(reader: ImageReader(path: path)))
        #expect(info.name == "isofs")
        #expect(info.aliases == ["iso9660", "fs-iso9660"])
        #expect(info.depends == ["cdrom"])
    }

    @Test("a string without '=' is an error")
    func noEquals() {
        let bytes = Array("license=GPL\0oops\0".utf8)
        #expect(throws: DecodeError.invalidValue(field: "modinfo string", offset: 0x10C, reason: "no '=' in \"oops\""))
        {
            try ModuleInfo(bytes: bytes[...], at: 0x100)
        }
    }

    @Test("a last string without a terminator is an error")
    func noTerminator() {
        let bytes = Array("license=GPL\0name=x".utf8)
        #expect(
            throws: DecodeError.invalidValue(
                field: "modinfo", offset: 0x111, reason: "last string has no NUL terminator")
        ) { try ModuleInfo(bytes: bytes[...], at: 0x100) }
    }

    @Test("a file without .modinfo is an error naming the section")
    func noSection() throws {
        let fixture = SyntheticELF(modinfo: Array("name=x\0".utf8))
        var bytes = fixture.bytes
        bytes[fixture.namesOffset + 8] = UInt8(ascii: "X")  // .modinfo → .modinfX in the name table
        let renamed = try ELFFile(bytes: bytes)
        #expect(
            throws: DecodeError.invalidValue(
                field: "section headers", offset: Int64(renamed.header.sectionHeaderOffset),
                reason: "no .modinfo section (not a kernel module?)")
        ) { try ModuleInfo(elf: renamed) }
    }
}
