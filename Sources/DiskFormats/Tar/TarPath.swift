import BinaryIO

/// Turns member paths into safe relative paths: `./`, leading slashes, empty and `.` components are dropped, and a
/// `..` component is refused, so no member can name anything outside the archive's root.
enum TarPath {
    /// The normalised path (empty for the root itself).
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` naming the path and the header offset for a
    ///   `..` component or a NUL byte.
    static func normalise(_ raw: [UInt8], field: String, headerOffset: Int64) throws(DecodeError) -> [UInt8] {
        let shown = String(decoding: raw, as: UTF8.self)
        guard !raw.contains(0) else {
            throw .invalidValue(field: field, offset: headerOffset, reason: "\"\(shown)\" holds a NUL byte")
        }
        var components: [ArraySlice<UInt8>] = []
        for component in raw.split(separator: 0x2F, omittingEmptySubsequences: true) where component != [0x2E] {
            guard component != [0x2E, 0x2E] else {
                throw .invalidValue(field: field, offset: headerOffset, reason: "\"\(shown)\" has a \"..\" component")
            }
            components.append(component)
        }
        return Array(components.joined(separator: [0x2F]))
    }
}
