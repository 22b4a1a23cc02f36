/// The directory tree of an ISO image as `isoinfo -l` prints it: an oracle for what another reader sees.
///
/// ```swift
/// let listing = try await IsoinfoListing.read(image: iso, joliet: true)
/// #expect(listing.names(in: "/") == ["a.txt", "sub"])
/// ```
/// isoinfo prints one block per directory, headed `Directory listing of /SUB/`, with one line per record:
/// `drwxr-xr-x   1    0    0            2048 Nov 14 2023 [     21 02]  sub `.
public struct IsoinfoListing: Sendable, Hashable {
    /// One directory record as isoinfo lists it.
    public struct Entry: Sendable, Hashable {
        /// The name: the identifier with its `;1` version (`A.TXT;1`), the Joliet name with `-J`, or the Rock Ridge
        /// name with `-R`; `.` and `..` for the first two records.
        public var name: String
        /// The mode column, `ls` style (`drwxr-xr-x`); without Rock Ridge only the type letter is set.
        public var mode: String
        /// The data length in bytes.
        public var size: Int64
        /// The extent's first logical block.
        public var extentLBA: UInt32
        /// The file flags byte (ECMA-119 §9.1.6).
        public var flags: UInt8
        /// The target of a Rock Ridge symbolic link (printed as `name -> target`), else `nil`.
        public var symlinkTarget: String?

        /// Whether the record is a directory.
        public var isDirectory: Bool { mode.hasPrefix("d") }
    }

    /// The entries of each directory, keyed by the path isoinfo prints (`/`, `/SUB/`), in record order.
    public var directories: [String: [Entry]]

    /// Parses the output of `isoinfo -l`; lines that are not directory headings or records are ignored.
    public init(parsing text: String) {
        var directories: [String: [Entry]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(Self.heading) {
                let path = String(line.dropFirst(Self.heading.count))
                directories[path, default: []] = []
                current = path
            } else if let path = current, let entry = Self.entry(line) {
                directories[path, default: []].append(entry)
            }
        }
        self.directories = directories
    }

    /// Runs `isoinfo -l` on `image` with ``Tool/reproducibleEnvironment`` and parses its output.
    /// - Parameters:
    ///   - image: The ISO image.
    ///   - joliet: List the Joliet tree (`-J`).
    ///   - rockRidge: Show Rock Ridge names, modes and links (`-R`).
    /// - Throws: ``ToolError`` if isoinfo is missing or fails.
    public static func read(
        image: String, joliet: Bool = false, rockRidge: Bool = false
    ) async throws -> IsoinfoListing {
        let options = (joliet ? ["-J"] : []) + (rockRidge ? ["-R"] : [])
        let result = try await Tool.run(
            "isoinfo", ["-i", image, "-l"] + options, environment: Tool.reproducibleEnvironment)
        return IsoinfoListing(parsing: result.stdout)
    }

    /// The records of `directory`, including `.` and `..`; empty if isoinfo did not list it.
    public func entries(in directory: String) -> [Entry] { directories[directory] ?? [] }

    /// The names in `directory` without `.` and `..`, in record order.
    public func names(in directory: String = "/") -> [String] {
        entries(in: directory).map(\.name).filter { $0 != "." && $0 != ".." }
    }

    static let heading = "Directory listing of "

    /// One record line: mode, links, uid, gid, size, date (3 words), `[extent flags]`, two spaces, name.
    static func entry(_ line: Substring) -> Entry? {
        guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else { return nil }
        let columns = line[..<open].split(separator: " ")
        let location = line[line.index(after: open)..<close].split(separator: " ")
        guard columns.count == 8, let size = Int64(columns[4]), location.count == 2,
            let extent = UInt32(location[0]), let flags = UInt8(location[1], radix: 16)
        else { return nil }
        var name = line[line.index(after: close)...]
        guard name.hasPrefix("  ") else { return nil }
        name = name.dropFirst(2)
        if name.hasSuffix(" ") { name = name.dropLast() }
        var entry = Entry(name: String(name), mode: String(columns[0]), size: size, extentLBA: extent, flags: flags)
        if entry.mode.hasPrefix("l"), let arrow = name.range(of: " -> ") {
            entry.name = String(name[..<arrow.lowerBound])
            entry.symlinkTarget = String(name[arrow.upperBound...])
        }
        return entry
    }
}
