/// What a request path names on the netboot server, checked so that no path escapes the images.
public enum NetbootRoute: Hashable, Sendable {
    /// `/boot.ipxe` (and `/`): the iPXE menu.
    case menu
    /// `/boot.grub`: the same menu for GRUB, which UEFI machines run from `isokit netboot image`.
    case grubMenu
    /// `/catalog.json`.
    case catalog
    /// `/memdisk`: syslinux's memdisk from the host.
    case memdisk
    /// `/iso/NAME.iso`: the whole image.
    case wholeImage(name: String)
    /// `/iso/NAME/PATH`: a file inside the image, `PATH` absolute within it.
    case file(name: String, path: String)
    /// `/host/MAC.ipxe`: the static network script of the host with this MAC address (as written in the URL).
    case host(mac: String)

    /// Why a path was refused.
    public enum Refusal: Error, Hashable, Sendable {
        /// 400: a bad percent escape, an encoded `/` or `\`, a NUL or control character, a `.` or `..` segment, an
        /// empty segment.
        case badRequest(String)
        /// 404: a well-formed path that names nothing the server has.
        case notFound
    }

    /// Parses the path part of a request target (before `?`), still percent-encoded.
    /// - Throws: ``Refusal``.
    public init(rawPath: String) throws(Refusal) {
        let path = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path.hasPrefix("/") else { throw .badRequest("the path must start with /") }
        if path == "/" || path == "/boot.ipxe" {
            self = .menu
            return
        }
        var segments: [String] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let segment = try Self.decode(raw)
            guard !segment.isEmpty else { throw .badRequest("empty path segment") }
            guard segment != ".", segment != ".." else { throw .badRequest("dot segment") }
            segments.append(segment)
        }
        switch segments.count {
        case 1 where segments[0] == "catalog.json": self = .catalog
        case 1 where segments[0] == "memdisk": self = .memdisk
        case 1 where segments[0] == "boot.ipxe": self = .menu
        case 1 where segments[0] == "boot.grub": self = .grubMenu
        case 2 where segments[0] == "host" && segments[1].hasSuffix(".ipxe"):
            self = .host(mac: String(segments[1].dropLast(5)))
        case 2 where segments[0] == "iso" && segments[1].hasSuffix(".iso") && segments[1].count > 4:
            self = .wholeImage(name: String(segments[1].dropLast(4)))
        case 3... where segments[0] == "iso":
            self = .file(name: segments[1], path: "/" + segments[2...].joined(separator: "/"))
        default: throw .notFound
        }
    }

    /// One segment with `%XX` escapes decoded; refuses escapes that would change the path's structure.
    static func decode(_ raw: Substring) throws(Refusal) -> String {
        var bytes: [UInt8] = []
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else { throw .badRequest("bad percent escape") }
            bytes.append(high << 4 | low)
        }
        for byte in bytes where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") {
            throw .badRequest(byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
                ? "encoded path separator" : "control character in the path")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badRequest("path is not UTF-8") }
        return text
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
