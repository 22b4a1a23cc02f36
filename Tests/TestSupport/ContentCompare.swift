import BinaryIO

/// Byte-level comparison of fixtures and outputs, without a cryptographic hash.
public enum ContentCompare {
    /// The chunk size used when comparing files.
    public static let chunkSize = 1 << 20

    /// The index of the first byte where `a` and `b` differ (the shorter length if one is a prefix of the other),
    /// or `nil` if they are equal.
    public static func firstDifference(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Int? {
        var offset = 0
        var left = a.makeIterator()
        var right = b.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return nil
            case (let x?, let y?) where x == y: offset += 1
            default: return offset
            }
        }
    }

    /// The offset of the first byte where two files differ, or `nil` if they are identical; reads both in chunks.
    /// - Throws: ``IOError`` if a file can't be opened or read.
    public static func firstDifference(file first: String, file second: String) throws -> Int64? {
        let a = try ImageReader(path: first)
        let b = try ImageReader(path: second)
        var offset: Int64 = 0
        while offset < min(a.size, b.size) {
            let count = Int(min(Int64(chunkSize), min(a.size, b.size) - offset))
            let left = try a.read(at: offset, count: count, structure: "file content")
            let right = try b.read(at: offset, count: count, structure: "file content")
            if let index = firstDifference(left, right) { return offset + Int64(index) }
            offset += Int64(count)
        }
        return a.size == b.size ? nil : offset
    }

    /// A 64-bit FNV-1a checksum: enough to tell fixtures apart in a message, not for security.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Reads a whole small file (a fixture or an extracted file).
    /// - Throws: ``IOError`` if it can't be read.
    public static func contents(of path: String) throws -> [UInt8] {
        let reader = try ImageReader(path: path)
        guard let count = Int(exactly: reader.size) else { return [] }
        return try reader.read(at: 0, count: count, structure: "file")
    }
}
