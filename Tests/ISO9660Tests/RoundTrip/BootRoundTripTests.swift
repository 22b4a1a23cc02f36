import Foundation
import ISO9660
import TestSupport
import Testing

/// Bootable and hybrid images written by isokit: xorriso and fdisk report the El Torito entries and partitions
/// that ``ImageInspector`` reports.
@Suite("Round trip: El Torito and hybrid layouts")
struct BootRoundTripTests {
    enum Layout: String, CaseIterable, Sendable {
        case bios, biosAndEFI, hybrid, hybridAppended
        /// GRUB's layout: `--grub2-boot-info` and GRUB's boot_hybrid.img as MBR code (needs grub-pc-bin).
        case grubHybrid
    }

    static let grubMBR = "/usr/lib/grub/i386-pc/boot_hybrid.img"
    /// The layouts that can be made here (GRUB's only where its MBR code is installed or oracles are required).
    static let layouts = Layout.allCases.filter { $0 != .grubHybrid || Oracle.required || FileManager.default.fileExists(atPath: grubMBR) }

    static func create(_ layout: Layout, in directory: TemporaryDirectory) async throws -> String {
        let tree = directory.path("tree")
        try FileManager.default.createDirectory(atPath: tree + "/boot", withIntermediateDirectories: true)
        try FileTree.write(
            ["boot/bios.img": .file(OddTree.contents("bios", count: 4096)), "hello.txt": .text("hello\n")], under: tree)
        try await Tool.run("mkfs.fat", ["-C", tree + "/boot/efi.img", "1440"], environment: ["LC_ALL": "C"])
        var options = ISOWriterOptions()
        options.sourceDateEpoch = 1_700_000_000
        options.bootImages = [
            BootImageOptions(
                firmware: .bios, path: "boot/bios.img", bootInfoTable: layout != .grubHybrid,
                grub2BootInfo: layout == .grubHybrid)
        ]
        if layout != .bios { options.bootImages.append(BootImageOptions(firmware: .efi, path: "boot/efi.img")) }
        options.hybrid = [.hybrid, .hybridAppended, .grubHybrid].contains(layout)
        options.appendEFIPartition = layout == .hybridAppended
        if layout == .grubHybrid { options.mbrBootCode = grubMBR }
        let image = directory.path("\(layout.rawValue).iso")
        _ = try ISOCreator.create(from: tree, to: image, options: options)
        return image
    }

    @Test("xorriso's reports and fdisk -l agree with isokit inspect", .oracles("xorriso", "fdisk", "mkfs.fat"),
          arguments: layouts)
    func reports(layout: Layout) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-boot-roundtrip")
        let image = try await Self.create(layout, in: directory)
        try await BootReports.expectInspectionMatches(image)
        let report = try ImageInspector.inspect(path: image)
        #expect(report.boot.count == (layout == .bios ? 1 : 2))
        #expect((report.partitions.gpt != nil) == [.hybrid, .hybridAppended, .grubHybrid].contains(layout))
        let result = try await Tool.run(
            "xorriso", ["-indev", image, "-report_el_torito", "plain", "-report_system_area", "plain"],
            environment: OracleReaders.environment)
        for word in ["FAILURE", "SORRY", "WARNING", "MISHAP"] { #expect(!result.stderr.contains(word), "\(result.stderr)") }
        // xorriso recognises the boot info patches and GRUB's MBR code.
        let options = BootReports.rows(result.stdout, "El Torito img opts :").first { $0.first == "1" } ?? []
        #expect(options.contains(layout == .grubHybrid ? "grub2-boot-info" : "boot-info-table"))
        if layout == .grubHybrid {
            #expect(result.stdout.contains("System area summary: MBR protective-msdos-label grub2-mbr"))
            #expect(report.partitions.mbr?.hasBootCode == true)
        }
    }

    @Test("a plain image has no boot entries and no partition table for anyone", .oracles("xorriso", "fdisk"))
    func plain() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        try await BootReports.expectInspectionMatches(image)
        let report = try ImageInspector.inspect(path: image)
        #expect(report.boot.isEmpty && report.partitions.mbr == nil && report.partitions.gpt == nil)
    }
}
