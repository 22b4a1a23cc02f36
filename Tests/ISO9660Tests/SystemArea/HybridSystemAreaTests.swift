import BinaryIO
import DiskFormats
import Foundation
import TestSupport
import Testing

@testable import ISO9660

@Suite("HybridSystemArea")
struct HybridSystemAreaTests {
    static let imageBytes: UInt64 = 20 << 20
    static let esp = (lba2048: UInt32(100), blocks2048: UInt32(720))

    /// Writes `systemArea` at 0 and `tail` after `imageBytes` into a sparse file; returns its path.
    static func disk(
        _ scratch: TemporaryDirectory, imageBytes: UInt64, parts: (systemArea: [UInt8], tail: [UInt8])
    ) throws -> String {
        let path = try scratch.sparseFile("hybrid.img", size: Int64(imageBytes) + Int64(parts.tail.count))
        try scratch.write(parts.systemArea, to: "hybrid.img", at: 0)
        try scratch.write(parts.tail, to: "hybrid.img", at: Int64(imageBytes))
        return path
    }

    /// `fdisk -l` rows for the partitions of `path`: start, end, sectors, type.
    static func fdiskRows(_ path: String) async throws -> [[String]] {
        let text = try await BootFixture.run("fdisk", ["-l", path])
        return text.split(separator: "\n").filter { $0.hasPrefix(path) }.map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().map(String.init)
        }
    }

    @Test("a 20 MiB image with an ESP and GRUB's MBR passes sgdisk -v; fdisk lists the partitions",
          .oracles("sgdisk", "fdisk"))
    func twentyMiB() async throws {
        let scratch = try TemporaryDirectory()
        let bootCode = Array(repeating: UInt8(0x90), count: 512)
        let area = try HybridSystemArea(
            imageBytes: Self.imageBytes, espPartition: Self.esp, bootCode: bootCode, elToritoBootImageLBA: 754,
            diskGUIDSeed: Array("test".utf8))
        let parts = area.encode()
        #expect(parts.systemArea.count == 32768 && parts.tail.count == 18432)
        let path = try Self.disk(scratch, imageBytes: Self.imageBytes, parts: parts)

        let verify = try await BootFixture.run("sgdisk", ["-v", path])
        #expect(verify.contains("No problems found"), "\(verify)")
        let rows = try await Self.fdiskRows(path)
        #expect(rows.map { Array($0.prefix(3)) } == [
            ["64", "399", "336"], ["400", "3279", "2880"], ["3280", "40959", "37680"],
        ])
        #expect(rows.map { $0.dropFirst(4).joined(separator: " ") } == [
            "Microsoft basic data", "EFI System", "Microsoft basic data",
        ])

        // The MBR: boot code with the --grub2-mbr address, one protective partition over the whole disk.
        #expect(Array(parts.systemArea[0x1B0..<0x1B8]) == [0xCC, 0x0B, 0, 0, 0, 0, 0, 0])
        #expect(parts.systemArea[0x1B8..<0x1BE].allSatisfy { $0 == 0x90 })
        let mbr = try MasterBootRecord(bytes: parts.systemArea[0..<512], at: 0)
        #expect(mbr.partitions[0].type == .gptProtective && mbr.partitions[0].status == 0)
        #expect(mbr.partitions[0].firstLBA == 1 && UInt64(mbr.partitions[0].sectorCount) == area.diskSectors - 1)
        #expect(mbr.partitions[1...].allSatisfy { $0.isEmpty })

        let report = try SystemAreaReport.read(from: ImageReader(path: path))
        let gpt = try #require(report.gpt)
        #expect(gpt.backupProblem == nil)
        #expect(gpt.partitions.map(\.name) == ["ISO9660", "EFI System", "ISO9660 continued"])
        #expect(gpt.firstUsableLBA == 64 && gpt.lastUsableLBA == area.diskSectors - 34)
    }

    @Test("an ESP appended after the ISO data and no ESP at all are valid too",
          .oracles("sgdisk", "fdisk"))
    func otherLayouts() async throws {
        let isoBlocks: UInt32 = 5000
        let appended = UInt64(isoBlocks + 720) * 2048
        for (imageBytes, esp) in [(appended, (lba2048: isoBlocks, blocks2048: UInt32(720))), (Self.imageBytes, nil)] {
            let scratch = try TemporaryDirectory()
            let parts = try HybridSystemArea.build(
                imageBytes: imageBytes, espPartition: esp, bootCode: nil, elToritoBootImageLBA: nil,
                diskGUIDSeed: [1, 2, 3])
            let path = try Self.disk(scratch, imageBytes: imageBytes, parts: parts)
            let verify = try await BootFixture.run("sgdisk", ["-v", path])
            #expect(verify.contains("No problems found"), "\(verify)")
            let rows = try await Self.fdiskRows(path).map { Array($0.prefix(2)) }
            if esp == nil {
                #expect(rows == [["64", "\(imageBytes / 512 - 1)"]])
            } else {
                #expect(rows == [["64", "19999"], ["20000", "22879"]])
            }
            #expect(parts.systemArea[0..<446].allSatisfy { $0 == 0 })
        }
    }

    @Test("equal inputs give equal bytes; another seed changes only GUIDs and CRCs")
    func reproducible() throws {
        func build(_ seed: String) throws -> [UInt8] {
            let parts = try HybridSystemArea.build(
                imageBytes: Self.imageBytes, espPartition: Self.esp, bootCode: nil, elToritoBootImageLBA: nil,
                diskGUIDSeed: Array(seed.utf8))
            return parts.systemArea + parts.tail
        }
        #expect(try build("a") == build("a"))
        #expect(try build("a") != build("b"))
        let area = try HybridSystemArea(
            imageBytes: Self.imageBytes, espPartition: Self.esp, bootCode: nil, elToritoBootImageLBA: nil,
            diskGUIDSeed: Array("a".utf8))
        let gpt = try #require(area.gpt)
        #expect(gpt.diskGUID == GUID.derived(from: Array("adisk".utf8)))
        #expect(Set(gpt.partitions.map(\.uniqueGUID)).count == 3)
    }

    @Test("the MBR scheme lists the same partitions as MBR entries, the first active, with no GPT and no tail")
    func mbrScheme() throws {
        let area = try HybridSystemArea(
            imageBytes: Self.imageBytes, espPartition: Self.esp, bootCode: nil, elToritoBootImageLBA: nil,
            diskGUIDSeed: Array("a".utf8), scheme: .mbr)
        #expect(area.gpt == nil)
        let used = area.mbr.partitions.filter { $0.type != .empty }
        #expect(used.map(\.type) == [.iso9660, .efiSystem, .iso9660])
        #expect(used.map(\.status) == [0x80, 0, 0])
        #expect(used[1].firstLBA == Self.esp.lba2048 * 4)
        #expect(used[1].sectorCount == Self.esp.blocks2048 * 4)
        #expect(UInt64(used[2].firstLBA + used[2].sectorCount) == Self.imageBytes / 512)
        let encoded = area.encode()
        #expect(encoded.tail.isEmpty)
        #expect(encoded.systemArea.count == HybridSystemArea.systemAreaSize)
        #expect(Array(encoded.systemArea[510..<512]) == [0x55, 0xAA])
    }

    @Test("the MBR boot code matches xorriso --grub2-mbr byte for byte",
          .oracles("xorriso", "mkfs.fat"))
    func grubMBR() async throws {
        let fixture = try await BootFixture(.grubHybrid)
        let lba = try ElToritoCatalogTests.catalogLBA(fixture)
        let catalog = try ElToritoCatalog.read(from: ImageReader(path: fixture.iso), catalogLBA: lba)
        let bootCode = try BootFixture.grubHybridBootCode()
        let parts = try HybridSystemArea.build(
            imageBytes: Self.imageBytes, espPartition: nil, bootCode: bootCode,
            elToritoBootImageLBA: catalog.defaultEntry.loadLBA, diskGUIDSeed: [])
        #expect(Array(parts.systemArea[0..<446]) == (try fixture.bytes(at: 0, count: 446)))
    }

    @Test("impossible layouts are errors")
    func errors() {
        func build(
            _ bytes: UInt64, _ esp: (lba2048: UInt32, blocks2048: UInt32)? = nil, code: [UInt8]? = nil, lba: UInt32? = nil
        ) throws(DiskFormatsError) {
            _ = try HybridSystemArea.build(
                imageBytes: bytes, espPartition: esp, bootCode: code, elToritoBootImageLBA: lba, diskGUIDSeed: [])
        }
        #expect(throws: DiskFormatsError.layout(reason: "image size 1000000 is not a multiple of 2048 bytes")) {
            try build(1_000_000)
        }
        #expect(throws: DiskFormatsError.layout(reason: "image of 32768 bytes ends inside the system area")) {
            try build(32768)
        }
        #expect(throws: DiskFormatsError.layout(reason: "the ESP at 2048-byte block 8 overlaps the system area")) {
            try build(Self.imageBytes, (8, 10))
        }
        #expect(throws: DiskFormatsError.layout(reason: "the ESP ends at 512-byte sector 40964, past the image's 40960")) {
            try build(Self.imageBytes, (10000, 241))
        }
        #expect(throws: DiskFormatsError.layout(reason: "the ESP is empty")) { try build(Self.imageBytes, (100, 0)) }
        #expect(throws: DiskFormatsError.layout(reason: "MBR boot code has 100 bytes, expected 440 to 512")) {
            try build(Self.imageBytes, code: Array(repeating: 0, count: 100))
        }
        #expect(throws: DiskFormatsError.layout(reason: "an El Torito boot image LBA for the MBR needs boot code to patch")) {
            try build(Self.imageBytes, lba: 5)
        }
    }

    @Test("grub-mkrescue's image with our system area boots as a disk under SeaBIOS and OVMF",
          .boots, .oracles("grub-mkrescue", "timeout"),
          .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/qemu/OVMF.fd"), "needs OVMF.fd"))
    func boots() async throws {
        let scratch = try TemporaryDirectory()
        try FileTree.write([
            "boot/grub/grub.cfg": .text("""
                serial --unit=0 --speed=115200
                terminal_output serial console
                echo "ISOKIT-BOOTED-$grub_platform"
                halt

                """)
        ], under: scratch.path("tree"))
        let iso = scratch.path("rescue.iso")
        try await BootFixture.run("grub-mkrescue", ["-o", iso, scratch.path("tree")])
        let reader = try ImageReader(path: iso)
        let descriptor = try BootRecordVolumeDescriptor(
            bytes: try reader.read(at: 17 * 2048, count: 2048, structure: "boot record")[...], at: 17 * 2048)
        let catalog = try ElToritoCatalog.read(from: reader, catalogLBA: descriptor.bootCatalogLBA)
        let bios = try #require(catalog.bootImages.first { $0.platform == .x86 })
        let efi = try #require(catalog.bootImages.first { $0.platform == .efi })
        let bootCode = try BootFixture.grubHybridBootCode()
        let imageBytes = UInt64(reader.size)
        let parts = try HybridSystemArea.build(
            imageBytes: imageBytes, espPartition: (efi.loadLBA, (UInt32(efi.sectorCount) + 3) / 4), bootCode: bootCode,
            elToritoBootImageLBA: bios.loadLBA, diskGUIDSeed: Array("boot".utf8))
        try scratch.write(parts.systemArea, to: "rescue.iso", at: 0)
        try scratch.write(parts.tail, to: "rescue.iso", at: Int64(imageBytes))
        let verify = try await BootFixture.run("sgdisk", ["-v", iso])
        #expect(verify.contains("No problems found"), "\(verify)")

        let drive = "file=\(iso),format=raw,if=ide,media=disk"
        let common = ["60", "qemu-system-x86_64", "-nographic", "-m", "256", "-no-reboot", "-drive", drive]
        let seaBIOS = try await BootFixture.run("timeout", common + ["-boot", "c"])
        #expect(seaBIOS.contains("ISOKIT-BOOTED-pc"))
        let ovmf = try await BootFixture.run("timeout", common + ["-bios", "/usr/share/qemu/OVMF.fd"])
        #expect(ovmf.contains("ISOKIT-BOOTED-efi"))
    }
}
