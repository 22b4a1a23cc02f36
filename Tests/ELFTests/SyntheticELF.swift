import BinaryIO

@testable import ELF

/// A small ELF64 relocatable file made in code: header, a `.modinfo` section, `.shstrtab`, then the section header
/// table (null, .modinfo, .shstrtab), so corruption tests know every offset.
struct SyntheticELF {
    let modinfo: [UInt8]
    static let names: [UInt8] = Array("\0.modinfo\0.shstrtab\0".utf8)

    var modinfoOffset: Int { 64 }
    var namesOffset: Int { modinfoOffset + modinfo.count }
    var tableOffset: Int { (namesOffset + Self.names.count + 7) / 8 * 8 }
    /// The offset of section `index`'s header.
    func sectionHeaderOffset(_ index: Int) -> Int { tableOffset + 64 * index }

    var header: ELFHeader {
        ELFHeader(
            type: .relocatable, machine: .x86_64, sectionHeaderOffset: UInt64(tableOffset),
            sectionHeaderEntrySize: 64, sectionHeaderCount: 3, sectionNameTableIndex: 2)
    }

    var sectionHeaders: [ELFSectionHeader] {
        [
            ELFSectionHeader(nameOffset: 0, type: .null, offset: 0, size: 0, addressAlignment: 0),
            ELFSectionHeader(
                nameOffset: 1, type: .programBits, flags: .alloc, offset: UInt64(modinfoOffset),
                size: UInt64(modinfo.count)),
            ELFSectionHeader(
                nameOffset: 10, type: .stringTable, offset: UInt64(namesOffset), size: UInt64(Self.names.count)),
        ]
    }

    var bytes: [UInt8] {
        var writer = ByteWriter()
        writer.append(header.encode())
        writer.append(modinfo)
        writer.append(Self.names)
        writer.align(to: 8)
        for section in sectionHeaders { writer.append(section.encode()) }
        return writer.bytes
    }
}
