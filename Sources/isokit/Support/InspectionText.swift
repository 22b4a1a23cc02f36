import ISO9660

/// The plain-text form of an ``InspectionReport``.
enum InspectionText {
    static func render(_ report: InspectionReport) -> String {
        let volume = report.volume
        var lines = [
            "Image:        \(report.image) (\(report.fileBytes) bytes)",
            "Volume id:    \(volume.volumeID)",
            "System id:    \(volume.systemID)",
            "Publisher:    \(volume.publisher)",
            "Preparer:     \(volume.preparer)",
            "Application:  \(volume.application)",
            "Volume set:   \(volume.volumeSetID)",
            "Created:      \(volume.created ?? "-")",
            "Modified:     \(volume.modified ?? "-")",
            "Expires:      \(volume.expires ?? "-")",
            "Effective:    \(volume.effective ?? "-")",
            "Volume size:  \(volume.blocks) blocks of \(volume.blockSize) bytes (\(volume.bytes) bytes)",
            "Descriptors:  \(report.descriptors.joined(separator: ", "))",
            "Rock Ridge:   \(report.namespaces.rockRidge ? "yes" + (report.namespaces.rockRidgeID.map { " (\($0))" } ?? "") : "no")",
            "Joliet:       \(report.namespaces.jolietVolumeID.map { "yes (\($0))" } ?? "no")",
            "Tree (\(report.namespaces.used)): \(report.tree.files) files, \(report.tree.directories) directories, "
                + "\(report.tree.symlinks) symlinks, \(report.tree.otherFiles) other, \(report.tree.fileBytes) bytes",
        ]
        lines.append("Path tables:  \(report.pathTables.directories) directories, "
            + (report.pathTables.tablesAgree ? "L and M agree" : "L and M DIFFER"))
        lines.append("El Torito:    \(report.boot.isEmpty ? "none" : "\(report.boot.count) entries")")
        for entry in report.boot {
            let image = entry.loadImage.map { " \($0) (\(entry.loadImageBytes ?? 0) bytes)" } ?? ""
            lines.append("  \(entry.position): \(entry.platform), \(entry.media), \(entry.bootable ? "bootable" : "not bootable"), "
                + "LBA \(entry.loadLBA), \(entry.loadSectors) sectors\(image)")
        }
        if let mbr = report.partitions.mbr {
            lines.append("MBR:          \(mbr.isProtective ? "protective" : "partitioned"), boot code \(mbr.hasBootCode ? "yes" : "no")")
            for partition in mbr.partitions {
                lines.append("  \(partition.slot): type 0x\(String(partition.type, radix: 16)) \(partition.bootable ? "active " : "")"
                    + "start \(partition.firstLBA) sectors \(partition.sectorCount)")
            }
        } else {
            lines.append("MBR:          none")
        }
        if let gpt = report.partitions.gpt {
            lines.append("GPT:          disk \(gpt.diskGUID.string)\(gpt.backupProblem.map { ", backup: \($0)" } ?? ", backup ok")")
            for partition in gpt.partitions {
                lines.append("  \(partition.slot): \(partition.typeName ?? partition.typeGUID.string) \"\(partition.name)\" "
                    + "LBA \(partition.firstLBA)–\(partition.lastLBA)")
            }
        } else {
            lines.append("GPT:          none")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
