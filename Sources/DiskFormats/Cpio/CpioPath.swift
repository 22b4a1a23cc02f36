/// The one rule for member names: relative, no leading `/`, no `.` or `..` components, no NUL.
enum CpioPath {
    /// `path` without leading `/` or `./`, with repeated slashes collapsed; `nil` when that leaves nothing
    /// or a component is `.` or `..`.
    static func normalized(_ path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        var kept: [Substring] = []
        for (index, component) in components.enumerated() {
            if component == "." && index == kept.count && kept.isEmpty { continue }
            if component == "." || component == ".." { return nil }
            kept.append(component)
        }
        return kept.isEmpty ? nil : kept.joined(separator: "/")
    }

    /// The stored bytes of `path`.
    /// - Throws: ``CpioError/invalidPath(path:reason:)``.
    static func encoded(_ path: String) throws(CpioError) -> [UInt8] {
        guard !path.utf8.contains(0) else { throw .invalidPath(path: path, reason: "contains NUL") }
        guard let normal = normalized(path) else {
            throw .invalidPath(path: path, reason: "empty, or has a . or .. component")
        }
        let bytes = Array(normal.utf8)
        guard bytes.count < CpioNewcHeader.maximumNameSize else {
            throw .invalidPath(path: path, reason: "\(bytes.count) bytes, limit \(CpioNewcHeader.maximumNameSize - 1)")
        }
        return bytes
    }
}
