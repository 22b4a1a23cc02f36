import Foundation
import ISO9660
import TestSupport
import Testing

/// xorriso's `-report_el_torito plain` and `-report_system_area plain` and `fdisk -l`, parsed and compared with
/// ``ImageInspector``.
enum BootReports {
    /// One El Torito entry as xorriso reports it.
    struct BootImage: Hashable, Sendable, CustomStringConvertible {
        var platform: String
        var bootable: Bool
        var emulation: String
        var loadSectors: UInt16
        var lba: UInt32
        var path: String?

        var description: String {
            "\(platform) \(bootable ? "bootable" : "not bootable") \(emulation) \(loadSectors) sectors at LBA \(lba) \(path ?? "-")"
        }
    }

    /// One partition: its slot, first 512-byte sector and length in sectors.
    struct Partition: Hashable, Sendable, CustomStringConvertible {
        var slot: Int
        var start: UInt64
        var sectors: UInt64

        var description: String { "#\(slot) \(start)+\(sectors)" }
    }

    /// The fields after `prefix :` of each line that starts with `prefix`.
    static func rows(_ text: String, _ prefix: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { line in
            guard let colon = line.firstIndex(of: ":") else { return [] }
            return line[line.index(after: colon)...].split(separator: " ").map(String.init)
        }
    }

    /// `xorriso -report_el_torito plain`.
    static func xorrisoBootImages(_ image: String) async throws -> [BootImage] {
        let text = try await Tool.run(
            "xorriso", ["-indev", image, "-report_el_torito", "plain"], environment: OracleReaders.environment).stdout
        var paths: [String: String] = [:]
        for row in rows(text, "El Torito img path :") where row.count >= 2 { paths[row[0]] = row[1...].joined(separator: " ") }
        return rows(text, "El Torito boot img :").compactMap { row in
            guard row.count >= 8, let sectors = UInt16(row[6]), let lba = UInt32(row[7]) else { return nil }
            return BootImage(
                platform: row[1], bootable: row[2] == "y", emulation: row[3], loadSectors: sectors, lba: lba,
                path: paths[row[0]])
        }
    }

    /// `xorriso -report_system_area plain`: the MBR and GPT partitions and the GPT type GUIDs (on-disk bytes in hex)
    /// and names.
    static func xorrisoPartitions(_ image: String) async throws -> (mbr: [Partition: (bootable: Bool, type: UInt8)], gpt: [Partition], gptTypes: [Int: String], gptNames: [Int: String]) {
        let text = try await Tool.run(
            "xorriso", ["-indev", image, "-report_system_area", "plain"], environment: OracleReaders.environment).stdout
        var mbr: [Partition: (bootable: Bool, type: UInt8)] = [:]
        for row in rows(text, "MBR partition      :") where row.count >= 5 {
            guard let slot = Int(row[0]), let start = UInt64(row[3]), let sectors = UInt64(row[4]),
                  let type = UInt8(row[2].dropFirst(2), radix: 16) else { continue }
            mbr[Partition(slot: slot, start: start, sectors: sectors)] = (row[1] == "0x80", type)
        }
        let gpt = rows(text, "GPT start and size :").compactMap { row -> Partition? in
            guard row.count >= 3, let slot = Int(row[0]), let start = UInt64(row[1]), let sectors = UInt64(row[2]) else { return nil }
            return Partition(slot: slot, start: start, sectors: sectors)
        }
        var types: [Int: String] = [:]
        for row in rows(text, "GPT type GUID      :") where row.count >= 2 { types[Int(row[0]) ?? 0] = row[1] }
        var names: [Int: String] = [:]
        for row in rows(text, "GPT partname local :") where row.count >= 1 {
            names[Int(row[0]) ?? 0] = row.dropFirst().joined(separator: " ")
        }
        return (mbr, gpt, types, names)
    }

    /// `fdisk -l`: the label type (`dos` or `gpt`) and the partitions it lists.
    static func fdisk(_ image: String) async throws -> (label: String, partitions: [Partition]) {
        let text = try await Tool.run("fdisk", ["-l", image], environment: ["LC_ALL": "C"]).stdout
        let label = text.split(separator: "\n").first { $0.hasPrefix("Disklabel type:") }
            .map { String($0.dropFirst("Disklabel type:".count).trimmingCharacters(in: .whitespaces)) } ?? ""
        var partitions: [Partition] = []
        for line in text.split(separator: "\n") where line.hasPrefix(image) {
            var fields = line.dropFirst(image.count).split(separator: " ").map(String.init)
            guard let slot = fields.first.flatMap({ Int($0) }) else { continue }
            fields.removeFirst()
            if fields.first == "*" { fields.removeFirst() }
            guard fields.count >= 3, let start = UInt64(fields[0]), let sectors = UInt64(fields[2]) else { continue }
            partitions.append(Partition(slot: slot, start: start, sectors: sectors))
        }
        return (label, partitions)
    }

    /// Records an issue for each way ``ImageInspector/inspect(path:namespace:)`` differs from xorriso's El Torito
    /// and system area reports and from `fdisk -l`.
    static func expectInspectionMatches(_ image: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let report = try ImageInspector.inspect(path: image)

        let boot = try await xorrisoBootImages(image)
        let inspected = report.boot.map { entry in
            BootImage(
                platform: entry.platform, bootable: entry.bootable,
                emulation: entry.media == "no emulation" ? "none" : entry.media, loadSectors: entry.loadSectors,
                lba: entry.loadLBA, path: entry.loadImage)
        }
        #expect(inspected == boot, "El Torito: isokit \(inspected), xorriso \(boot)", sourceLocation: sourceLocation)

        let partitions = try await xorrisoPartitions(image)
        let mbr = report.partitions.mbr?.partitions ?? []
        let inspectedMBR = Set(mbr.map { Partition(slot: $0.slot, start: UInt64($0.firstLBA), sectors: UInt64($0.sectorCount)) })
        #expect(inspectedMBR == Set(partitions.mbr.keys), "MBR: isokit \(inspectedMBR), xorriso \(partitions.mbr.keys)",
                sourceLocation: sourceLocation)
        for entry in mbr {
            let key = Partition(slot: entry.slot, start: UInt64(entry.firstLBA), sectors: UInt64(entry.sectorCount))
            guard let xorriso = partitions.mbr[key] else { continue }
            #expect(xorriso.bootable == entry.bootable && xorriso.type == entry.type,
                    "MBR slot \(entry.slot): type 0x\(String(entry.type, radix: 16))", sourceLocation: sourceLocation)
        }
        let gpt = report.partitions.gpt?.partitions ?? []
        let inspectedGPT = gpt.map { Partition(slot: $0.slot, start: $0.firstLBA, sectors: $0.lastLBA - $0.firstLBA + 1) }
        #expect(inspectedGPT == partitions.gpt, "GPT: isokit \(inspectedGPT), xorriso \(partitions.gpt)",
                sourceLocation: sourceLocation)
        for entry in gpt {
            let hex = entry.typeGUID.bytes.map { String(format: "%02x", $0) }.joined()
            #expect(partitions.gptTypes[entry.slot] == hex, "GPT slot \(entry.slot) type", sourceLocation: sourceLocation)
            #expect(partitions.gptNames[entry.slot] == entry.name, "GPT slot \(entry.slot) name", sourceLocation: sourceLocation)
        }

        let fdisk = try await fdisk(image)
        let expected = fdisk.label == "gpt" ? inspectedGPT : inspectedMBR.sorted { $0.slot < $1.slot }
        #expect(fdisk.partitions == expected, "fdisk -l (\(fdisk.label)): \(fdisk.partitions), isokit \(expected)",
                sourceLocation: sourceLocation)
        #expect(fdisk.label == (report.partitions.gpt != nil ? "gpt" : report.partitions.mbr != nil ? "dos" : ""),
                sourceLocation: sourceLocation)
    }
}
