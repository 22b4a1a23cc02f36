import Crypto
import Foundation

/// SHA-256 of host files, read in chunks.
enum FileDigest {
    /// The hex SHA-256 of the file at `path` and its size.
    static func sha256(of path: String) throws -> (hex: String, bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LiveBuildError.badInput(path: path, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        var total: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(data: chunk)
            total += Int64(chunk.count)
        }
        return (hash.finalize().map { String(format: "%02x", $0) }.joined(), total)
    }
}
