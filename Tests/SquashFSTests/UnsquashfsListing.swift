import TestSupport

/// `unsquashfs -lln` output as entries keyed by path (without the `squashfs-root` prefix; the root is "").
struct UnsquashfsListing: Hashable {
    /// One listed entry.
    struct Entry: Hashable {
        var mode: String
        var owner: String
        /// Size in bytes, or "major,minor" for devices.
        var size: String
        var linkTarget: String?
    }

    var entries: [String: Entry] = [:]

    /// Lists `image` with `unsquashfs -lln` (numeric owners).
    static func read(_ image: String) async throws -> UnsquashfsListing {
        let result = try await Tool.run("unsquashfs", ["-lln", image], environment: ["TZ": "UTC"])
        var listing = UnsquashfsListing()
        for line in result.stdout.split(separator: "\n") {
            // drwxr-xr-x 0/0   60 2026-11-22 07:45 squashfs-root/d -> target; devices list "1,  3" as the size.
            guard let rootRange = line.range(of: " squashfs-root") else { continue }
            let head = line[..<rootRange.lowerBound].split(separator: " ", omittingEmptySubsequences: true)
            guard head.count >= 5 else { continue }
            var path = String(line[rootRange.upperBound...])
            var target: String?
            if let arrow = path.range(of: " -> ") {
                target = String(path[arrow.upperBound...])
                path = String(path[..<arrow.lowerBound])
            }
            if path.hasPrefix("/") { path.removeFirst() }
            let size = head[2..<(head.count - 2)].joined()
            listing.entries[path] = Entry(mode: String(head[0]), owner: String(head[1]), size: size, linkTarget: target)
        }
        return listing
    }

    /// The listing with directory sizes blanked (they depend on how a tool splits directory headers).
    var ignoringDirectorySizes: UnsquashfsListing {
        var copy = self
        for (path, entry) in entries where entry.mode.hasPrefix("d") { copy.entries[path]?.size = "" }
        return copy
    }
}
