import BinaryIO

/// Finds SUSP and Rock Ridge in the root directory's `.` record (IEEE P1281 §5.3, P1282 §4).
struct RockRidgeProbe {
    var skipBytes: Int?
    var extensionIdentifier: String?

    var hasRockRidge: Bool { skipBytes != nil }

    static func probe(reader: ImageReader, root: VolumeDescriptor) throws -> RockRidgeProbe {
        let record = root.rootDirectoryRecord
        let offset = Int64(record.extentLBA) * 2048
        let available = min(Int64(2048), max(0, reader.size - offset))
        let sector = try decoding { try reader.read(at: offset, count: Int(available), structure: "root directory") }
        let selfRecord = try decoding { try DirectoryRecord(bytes: sector[...], at: offset) }
        guard selfRecord.isSelf else { return RockRidgeProbe(skipBytes: nil, extensionIdentifier: nil) }
        var budget = SystemUseReader.Budget(directoryBytes: Int(record.dataLength))
        let entries = try SystemUseReader(reader: reader, skipBytes: 0).entries(
            of: selfRecord, at: offset, path: "/", budget: &budget)
        guard case let .sharingProtocol(skip) = entries.first else {
            return RockRidgeProbe(skipBytes: nil, extensionIdentifier: nil)
        }
        var identifier: String?
        for entry in entries {
            if case let .extensionsReference(reference) = entry { identifier = reference.identifierText }
        }
        return RockRidgeProbe(skipBytes: Int(skip), extensionIdentifier: identifier)
    }
}
