import BinaryIO

/// El Torito 1.0 §2.0–§2.5 — the Booting Catalog: a validation entry, the initial/default entry, then sections.
public struct ElToritoCatalog: Hashable, Sendable {
    /// The validation entry, which also names the default entry's platform.
    public var validation: ElToritoValidationEntry
    /// The initial/default entry.
    public var defaultEntry: ElToritoBootEntry
    /// The sections, in catalog order.
    public var sections: [ElToritoSection]

    /// The catalog's sector size.
    public static let sectorSize = 2048
    /// The most catalog sectors ``read(from:catalogLBA:)`` reads: 32 sectors, 2048 entries.
    public static let maximumSectors = 32

    /// Creates a catalog.
    public init(validation: ElToritoValidationEntry, defaultEntry: ElToritoBootEntry, sections: [ElToritoSection]) {
        self.validation = validation
        self.defaultEntry = defaultEntry
        self.sections = sections
    }

    /// Decodes a catalog.
    ///
    /// Sections follow the default entry while the next record starts `0x90` or `0x91`; the catalog ends after a
    /// `0x91` header, or at the first other record.
    ///
    /// - Parameters:
    ///   - bytes: The catalog's sectors.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: The errors of the entries' decoders; ``DecodeError/truncated(structure:offset:needed:available:)``
    ///   if the entries run past `bytes`, or `bytes` end after a `0x90` section (more sectors are needed).
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        validation = try ElToritoValidationEntry(bytes: bytes, at: offset)
        var position = bytes.startIndex + ElToritoValidationEntry.size
        defaultEntry = try ElToritoBootEntry(bytes: bytes[position...], at: offset + Int64(position - bytes.startIndex))
        position += defaultEntry.encodedSize
        var sections: [ElToritoSection] = []
        while sections.last?.header.isFinal != true {
            guard position < bytes.endIndex else {
                // Without sections the catalog may end anywhere; after a 0x90 header another must follow.
                if sections.isEmpty { break }
                throw .truncated(
                    structure: "El Torito section header", offset: offset + Int64(position - bytes.startIndex),
                    needed: ElToritoSectionHeader.size, available: 0)
            }
            let indicator = bytes[position]
            guard indicator == ElToritoSectionHeader.moreHeaders || indicator == ElToritoSectionHeader.finalHeader else {
                break
            }
            let section = try ElToritoSection(bytes: bytes[position...], at: offset + Int64(position - bytes.startIndex))
            sections.append(section)
            position += section.encodedSize
        }
        self.sections = sections
    }

    /// The catalog's records, zero-padded to whole 2048-byte sectors.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.sectorSize)
        writer.append(validation.encode())
        writer.append(defaultEntry.encode())
        for section in sections { writer.append(section.encode()) }
        writer.align(to: Self.sectorSize)
        return writer.bytes
    }

    /// Every entry with its platform, default entry first.
    public var bootImages: [ElToritoBootImage] {
        var images = [ElToritoBootImage(defaultEntry, platform: validation.platform, section: nil)]
        for (index, section) in sections.enumerated() {
            images += section.entries.map { ElToritoBootImage($0, platform: section.header.platform, section: index) }
        }
        return images
    }

    /// The catalog a writer puts on the image for `entries`.
    ///
    /// The first spec becomes the default entry and gives the validation entry its platform. Each later run of
    /// specs with the same platform becomes one section (header `0x90`, the last `0x91`), which is what xorriso
    /// writes: BIOS + UEFI gives a default entry and one UEFI section.
    ///
    /// - Parameter entries: At least one boot image.
    /// - Returns: The catalog; ``encode()`` gives its sector.
    public static func build(entries: [ElToritoBootImageSpec]) -> ElToritoCatalog {
        precondition(!entries.isEmpty, "an El Torito catalog needs a default entry")
        var groups: [(platform: PlatformID, entries: [ElToritoBootEntry])] = []
        for spec in entries.dropFirst() {
            if groups.last?.platform == spec.platform {
                groups[groups.count - 1].entries.append(spec.entry)
            } else {
                groups.append((spec.platform, [spec.entry]))
            }
        }
        let sections = groups.enumerated().map { index, group in
            precondition(group.entries.count <= Int(UInt16.max), "too many El Torito entries in one section")
            return ElToritoSection(
                header: ElToritoSectionHeader(
                    isFinal: index == groups.count - 1, platform: group.platform, entryCount: UInt16(group.entries.count)),
                entries: group.entries)
        }
        return ElToritoCatalog(
            validation: ElToritoValidationEntry(platform: entries[0].platform), defaultEntry: entries[0].entry,
            sections: sections)
    }

    /// Reads the catalog at `catalogLBA`, one sector at a time until it is complete (at most ``maximumSectors``).
    ///
    /// - Parameters:
    ///   - reader: The image.
    ///   - catalogLBA: From ``BootRecordVolumeDescriptor/bootCatalogLBA``.
    /// - Returns: The catalog.
    /// - Throws: ``ISO9660Error/decode(_:)`` wrapping the decoder's errors, or truncation at the end of the image
    ///   or after ``maximumSectors``; ``IOError`` if reading fails.
    public static func read(from reader: ImageReader, catalogLBA: UInt32) throws -> ElToritoCatalog {
        let offset = Int64(catalogLBA) * Int64(sectorSize)
        var sectors = 1
        while true {
            do {
                let bytes = try reader.read(at: offset, count: sectors * sectorSize, structure: "El Torito boot catalog")
                return try ElToritoCatalog(bytes: bytes[...], at: offset)
            } catch let error as DecodeError {
                let more = Int64(sectors + 1) * Int64(sectorSize) <= reader.size - offset
                if case .truncated = error, sectors < maximumSectors, more {
                    sectors += 1
                    continue
                }
                throw ISO9660Error.decode(error)
            }
        }
    }
}
