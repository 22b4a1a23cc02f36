import BinaryIO

/// Reads the members of a tar archive (POSIX ustar and pax, GNU) one at a time through positional reads, without
/// reading any member's data: memory grows only with extension headers, which are bounded.
///
/// ```swift
/// var reader = try TarArchiveReader(path: "root.tar")
/// while let entry = try reader.next() { print(entry.path, entry.size, entry.dataOffset) }
/// ```
///
/// Reading stops at the first all-zero block (the end-of-archive marker) or exactly at the end of the file.
public struct TarArchiveReader: Sendable {
    /// The archive.
    public let image: ImageReader
    /// The offset of the next header.
    public private(set) var offset: Int64 = 0
    /// Whether the end of the archive was reached.
    public private(set) var finished = false
    /// Records of pax global headers (`'g'`) seen so far, applied to every later member.
    private var globalRecords: [String: [UInt8]] = [:]

    /// The most bytes of extension members (pax headers, GNU long names) read into memory for one member.
    public static let maximumExtensionBytes: Int64 = 16 << 20

    /// Reads the archive at `path`.
    /// - Throws: ``IOError`` if it can't be opened.
    public init(path: String) throws { image = try ImageReader(path: path) }

    /// Reads the archive open in `image`, from offset 0.
    public init(image: ImageReader) { self.image = image }

    /// The next member, or `nil` at the end of the archive.
    ///
    /// - Throws: ``DecodeError`` with the absolute offset for a bad header (see ``TarHeader/init(bytes:at:)``), a
    ///   member or its data running past the end of the file (`truncated`), a path with a `..` component
    ///   (`invalidValue` naming the path), an unsupported typeflag or a malformed pax record; ``IOError`` if a
    ///   read fails.
    ///
    /// Spec: POSIX.1-2017 pax, "ustar Interchange Format" and "pax Interchange Format"; GNU tar manual,
    /// "Basic Tar Format".
    public mutating func next() throws -> TarEntry? {
        guard !finished else { return nil }
        var localRecords: [String: [UInt8]] = [:]
        var longName: [UInt8]?
        var longLink: [UInt8]?
        var firstHeader: Int64?
        var extensionBytes: Int64 = 0
        while true {
            let headerOffset = offset
            if headerOffset == image.size, firstHeader == nil {
                finished = true  // no end-of-archive blocks: accepted, as GNU tar and bsdtar do
                return nil
            }
            let block = try image.read(at: headerOffset, count: TarHeader.blockSize, structure: "tar header")
            if block.allSatisfy({ $0 == 0 }) {
                guard firstHeader == nil else {
                    throw DecodeError.invalidValue(
                        field: "tar extension header", offset: firstHeader ?? headerOffset,
                        reason: "not followed by a member")
                }
                finished = true
                return nil
            }
            let header = try TarHeader(bytes: block[...], at: headerOffset)
            firstHeader = firstHeader ?? headerOffset
            let dataOffset = headerOffset + Int64(TarHeader.blockSize)
            let isExtension = [.paxExtended, .paxGlobal, .gnuLongName, .gnuLongLink].contains(header.type)
            let records = globalRecords.merging(localRecords) { $1 }
            let size = isExtension ? header.size : try Self.number(records["size"], "size", headerOffset) ?? header.size
            try image.checkRange(offset: dataOffset, count: 0, structure: "tar data")
            guard size <= image.size - dataOffset else {
                throw DecodeError.truncated(
                    structure: "tar data of \(String(decoding: header.fullName, as: UTF8.self))", offset: dataOffset,
                    needed: Int(clamping: size), available: Int(clamping: image.size - dataOffset))
            }
            let padded = (size + Int64(TarHeader.blockSize - 1)) / Int64(TarHeader.blockSize) * Int64(TarHeader.blockSize)
            offset = min(dataOffset + padded, image.size)
            if isExtension {
                // The bound holds for all extension members before one entry together, so a chain of them can't
                // grow memory without limit.
                let (total, overflow) = extensionBytes.addingReportingOverflow(size)
                extensionBytes = overflow ? .max : total
                guard extensionBytes <= Self.maximumExtensionBytes else {
                    throw DecodeError.fieldOutOfRange(
                        field: "tar extension size", offset: headerOffset + 124, value: UInt64(extensionBytes),
                        limit: UInt64(Self.maximumExtensionBytes))
                }
                let data = try image.read(at: dataOffset, count: Int(size), structure: "tar extension data")
                switch header.type {
                case .paxExtended, .paxGlobal:
                    let pax = try PaxExtendedHeader(bytes: data[...], at: dataOffset)
                    for record in pax.records {
                        if header.type == .paxGlobal {
                            globalRecords[record.keyword] = record.value.isEmpty ? nil : record.value
                        } else {
                            localRecords[record.keyword] = record.value
                        }
                    }
                    if header.type == .paxGlobal, localRecords.isEmpty, longName == nil, longLink == nil {
                        firstHeader = nil
                    }
                case .gnuLongName: longName = Array(data.prefix { $0 != 0 })
                default: longLink = Array(data.prefix { $0 != 0 })
                }
                continue
            }
            if header.type == .gnuVolumeLabel {
                firstHeader = nil
                continue
            }
            return try entry(
                header, records: globalRecords.merging(localRecords) { $1 }, longName: longName, longLink: longLink,
                headerOffset: firstHeader ?? headerOffset, size: size, dataOffset: dataOffset)
        }
    }

    /// Reads every remaining member; memory grows with the member count.
    public mutating func readAll() throws -> [TarEntry] {
        var entries: [TarEntry] = []
        while let entry = try next() { entries.append(entry) }
        return entries
    }

    private func entry(
        _ header: TarHeader, records: [String: [UInt8]], longName: [UInt8]?, longLink: [UInt8]?, headerOffset: Int64,
        size: Int64, dataOffset: Int64
    ) throws -> TarEntry {
        let kind: TarEntry.Kind
        switch header.type {
        case .regular, .regularOld, .contiguous: kind = .regular
        case .hardLink: kind = .hardLink
        case .symbolicLink: kind = .symbolicLink
        case .characterDevice: kind = .characterDevice
        case .blockDevice: kind = .blockDevice
        case .directory, .gnuDumpDirectory: kind = .directory
        case .fifo: kind = .fifo
        default:
            throw DecodeError.invalidValue(
                field: "tar typeflag", offset: headerOffset, reason: "member type \(header.type.display) is not supported")
        }
        // An empty pax value cancels the keyword: the header (or GNU long name) applies again.
        let rawPath = records["path"].flatMap { $0.isEmpty ? nil : $0 } ?? longName ?? header.fullName
        let path = try TarPath.normalise(rawPath, field: "tar path", headerOffset: headerOffset)
        var target = records["linkpath"].flatMap { $0.isEmpty ? nil : $0 } ?? longLink ?? header.linkName
        if kind == .hardLink {
            target = try TarPath.normalise(target, field: "tar hard link target", headerOffset: headerOffset)
        }
        func id(_ key: String, _ value: Int64) throws -> UInt32 {
            let number = try Self.number(records[key], key, headerOffset) ?? value
            guard let id = UInt32(exactly: number) else {
                throw DecodeError.fieldOutOfRange(
                    field: "tar \(key)", offset: headerOffset, value: UInt64(clamping: number), limit: UInt64(UInt32.max))
            }
            return id
        }
        // bsdtar writes each attribute twice, as SCHILY (raw) and LIBARCHIVE (base64); SCHILY wins.
        let sorted = records.sorted { $0.key < $1.key }
        var attributes: [TarEntry.ExtendedAttribute] = sorted.filter { $0.key.hasPrefix("SCHILY.xattr.") }.map {
            .init(name: Array($0.key.utf8.dropFirst(13)), value: $0.value)
        }
        for (keyword, value) in sorted where keyword.hasPrefix("LIBARCHIVE.xattr.") {
            let name = Self.percentDecoded(keyword.utf8.dropFirst(17))
            guard !attributes.contains(where: { $0.name == name }) else { continue }
            guard let decoded = Self.base64Decoded(value) else {
                throw DecodeError.invalidValue(field: "pax \(keyword)", offset: headerOffset, reason: "not base64")
            }
            attributes.append(.init(name: name, value: decoded))
        }
        return TarEntry(
            pathBytes: path, kind: kind, permissions: header.mode & 0o7777, uid: try id("uid", header.uid),
            gid: try id("gid", header.gid),
            modificationTime: try Self.number(records["mtime"], "mtime", headerOffset) ?? header.modificationTime,
            size: size, headerOffset: headerOffset, dataOffset: dataOffset,
            linkTarget: kind == .hardLink || kind == .symbolicLink ? target : [],
            deviceMajor: try id("SCHILY.devmajor", header.deviceMajor ?? 0),
            deviceMinor: try id("SCHILY.devminor", header.deviceMinor ?? 0), extendedAttributes: attributes)
    }

    /// A pax decimal value (`mtime` may have a fraction, which is dropped, and a sign), or `nil` if absent/empty.
    static func number(_ value: [UInt8]?, _ key: String, _ offset: Int64) throws(DecodeError) -> Int64? {
        guard let value, !value.isEmpty else { return nil }
        let text = String(decoding: value, as: UTF8.self)
        let whole = key == "mtime" ? String(text.prefix { $0 != "." }) : text
        guard let number = Int64(whole), key == "mtime" || number >= 0 else {
            throw .invalidValue(field: "pax \(key)", offset: offset, reason: "\"\(text)\" is not a decimal number")
        }
        return number
    }

    /// `%XX` escapes decoded (libarchive escapes attribute names this way).
    static func percentDecoded(_ text: some Collection<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        var bytes = Array(text)[...]
        while let byte = bytes.popFirst() {
            if byte == 0x25, bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) {
                result.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                result.append(byte)
            }
        }
        return result
    }

    /// Base64 (RFC 4648, padding optional) decoded, or `nil` for other characters.
    static func base64Decoded(_ text: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        var accumulator: UInt32 = 0, bits = 0
        for byte in text where byte != 0x3D {
            let digit: UInt8
            switch byte {
            case 0x41...0x5A: digit = byte - 0x41
            case 0x61...0x7A: digit = byte - 0x61 + 26
            case 0x30...0x39: digit = byte - 0x30 + 52
            case 0x2B: digit = 62
            case 0x2F: digit = 63
            default: return nil
            }
            accumulator = accumulator << 6 | UInt32(digit)
            bits += 6
            if bits >= 8 {
                bits -= 8
                result.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return result
    }
}
