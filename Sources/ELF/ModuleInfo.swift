import BinaryIO

/// The `.modinfo` section of a Linux kernel module: NUL-terminated `key=value` strings, in the order the module's
/// `MODULE_*` macros and modpost wrote them (include/linux/moduleparam.h, scripts/mod/modpost.c).
///
/// Keys repeat (`alias`, `parm`, `firmware`); ``values(for:)`` gives all values of one key in order. Extra NUL
/// bytes between strings (alignment padding in some kernels) are kept, so ``encode()`` gives back the section's
/// bytes.
public struct ModuleInfo: Hashable, Sendable {
    /// The name of the section that holds the strings.
    public static let sectionName = ".modinfo"

    /// One `key=value` string.
    public struct Entry: Hashable, Sendable {
        /// The text before the first `=`.
        public var key: String
        /// The text after the first `=` (may be empty, as in `depends=`).
        public var value: String
        /// Extra NUL bytes before this string, beyond the previous string's terminator.
        public var paddingBefore: Int

        /// Creates an entry.
        public init(key: String, value: String, paddingBefore: Int = 0) {
            self.key = key
            self.value = value
            self.paddingBefore = paddingBefore
        }
    }

    /// The strings in section order.
    public var entries: [Entry]
    /// Extra NUL bytes after the last string's terminator.
    public var trailingPadding: Int

    /// Creates module information from entries.
    public init(entries: [Entry], trailingPadding: Int = 0) {
        self.entries = entries
        self.trailingPadding = trailingPadding
    }

    /// Decodes the `.modinfo` section `bytes`, which lie at `offset` in their (decompressed) module file.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` when the last string has no NUL terminator or a
    ///   string has no `=`.
    ///
    /// Spec: Linux include/linux/moduleparam.h (`__MODULE_INFO`), scripts/mod/modpost.c (`depends=`, `name=`).
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        if let last = bytes.last, last != 0 {
            throw .invalidValue(
                field: "modinfo", offset: offset + Int64(bytes.count - 1), reason: "last string has no NUL terminator")
        }
        var entries: [Entry] = []
        var padding = 0
        var start = bytes.startIndex
        while start < bytes.endIndex {
            // The section ends with NUL (checked above), so every string has a terminator.
            let end = bytes[start...].firstIndex(of: 0) ?? bytes.endIndex
            if end == start {
                padding += 1
            } else {
                let text = bytes[start..<end]
                guard let equals = text.firstIndex(of: UInt8(ascii: "=")) else {
                    throw .invalidValue(
                        field: "modinfo string", offset: offset + Int64(start - bytes.startIndex),
                        reason: "no '=' in \"\(String(decoding: text, as: UTF8.self))\"")
                }
                entries.append(
                    Entry(
                        key: String(decoding: text[text.startIndex..<equals], as: UTF8.self),
                        value: String(decoding: text[(equals + 1)...], as: UTF8.self), paddingBefore: padding))
                padding = 0
            }
            start = end + 1
        }
        self.entries = entries
        self.trailingPadding = padding
    }

    /// The section's bytes: each string with its terminator, and the padding NULs.
    public func encode() -> [UInt8] {
        var writer = ByteWriter()
        for entry in entries {
            writer.fill(entry.paddingBefore)
            writer.append(entry.key.utf8)
            writer.uint8(UInt8(ascii: "="))
            writer.append(entry.value.utf8)
            writer.uint8(0)
        }
        writer.fill(trailingPadding)
        return writer.bytes
    }

    /// Every value of `key`, in section order.
    public func values(for key: String) -> [String] {
        entries.filter { $0.key == key }.map(\.value)
    }

    /// `name=`: the module's name as the kernel knows it (modpost writes it; `-` already `_`), if present.
    public var name: String? { values(for: "name").first }

    /// `depends=`: the modules this one needs symbols from, comma-separated in the section; empty when none.
    public var depends: [String] {
        values(for: "depends").flatMap { $0.split(separator: ",").map(String.init) }
    }

    /// `alias=`: the names and device patterns this module is loaded for (`fs-iso9660`, `pci:v…`).
    public var aliases: [String] { values(for: "alias") }

    /// `vermagic=`: the kernel release and options the module was built for.
    public var versionMagic: String? { values(for: "vermagic").first }

    /// The `pre:` modules of `softdep=` strings (`softdep=pre: crc32c post: …`): modules to load before this one.
    public var softdepPre: [String] { softdeps(section: "pre:") }

    /// The `post:` modules of `softdep=` strings: modules to load after this one.
    public var softdepPost: [String] { softdeps(section: "post:") }

    private func softdeps(section wanted: String) -> [String] {
        var result: [String] = []
        for value in values(for: "softdep") {
            var current = ""
            for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                if word == "pre:" || word == "post:" {
                    current = String(word)
                } else if current == wanted {
                    result.append(String(word))
                }
            }
        }
        return result
    }
}

extension ModuleInfo {
    /// Reads the `.modinfo` section of a kernel module.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` when the file has no `.modinfo` section, the
    ///   errors of ``init(bytes:at:)``, and ``IOError`` if a read fails.
    public init(elf: ELFFile) throws {
        guard let section = elf.firstSection(named: Self.sectionName) else {
            throw DecodeError.invalidValue(
                field: "section headers", offset: Int64(clamping: elf.header.sectionHeaderOffset),
                reason: "no \(Self.sectionName) section (not a kernel module?)")
        }
        try self.init(bytes: elf.contents(of: section), at: Int64(clamping: section.header.offset))
    }
}
