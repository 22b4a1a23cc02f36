import BinaryIO
import Crypto
import Foundation
import ISO9660
import SystemPackage

/// Reads the data of a regular file of the tree being remastered, wherever it lives (inside the input image or in
/// a host file), and writes replacement files into the remaster's overlay directory.
enum TreeFile {
    /// The bytes of `node`, a regular file at `path` in the image, up to `limitBytes`.
    /// - Throws: ``RemasterError/badMenu(path:reason:)`` for a larger file; `IOError`/`DecodeError` naming the host file.
    static func contents(of node: SourceNode, path: String, limitBytes: Int = 16 << 20) throws -> [UInt8] {
        guard node.size <= Int64(limitBytes) else {
            throw RemasterError.badMenu(path: path, reason: "\(node.size) bytes, more than the \(limitBytes) read at most")
        }
        return try ImageReader(path: node.hostPath).read(at: node.hostOffset, count: Int(node.size), structure: path)
    }

    /// Copies the data of `node` into the host file `target` (made with its parents).
    static func copy(_ node: SourceNode, to target: String) throws {
        try makeParent(of: target)
        let source = try ImageReader(path: node.hostPath)
        let output = try IOError.wrap("create", path: target) {
            try FileDescriptor.open(
                FilePath(target), .readWrite, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite])
        }
        defer { try? output.close() }
        try FileCopier.copy(
            from: source.descriptor, at: node.hostOffset, path: node.hostPath, to: output, at: 0, path: target,
            count: node.size)
    }

    /// The lowercase hex digest of `count` bytes of the host file `path` from `offset` on, read in 1 MiB chunks.
    static func digest<H: HashFunction>(of path: String, from offset: Int64 = 0, count: Int64? = nil, as _: H.Type) throws -> String {
        let reader = try ImageReader(path: path)
        let end = offset + (count ?? reader.size - offset)
        var hasher = H()
        var position = offset
        while position < end {
            let chunk = Int(min(Int64(FileCopier.chunkSize), end - position))
            hasher.update(data: try reader.read(at: position, count: chunk, structure: path))
            position += Int64(chunk)
        }
        return Hex.string(Array(hasher.finalize()), separator: "")
    }

    /// The digest of the data of `node`, a regular file of the tree.
    static func digest<H: HashFunction>(of node: SourceNode, as function: H.Type) throws -> String {
        try digest(of: node.hostPath, from: node.hostOffset, count: node.size, as: function)
    }

    /// Writes `bytes` to the host file `target` (made with its parents).
    static func write(_ bytes: [UInt8], to target: String) throws {
        try makeParent(of: target)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
    }

    private static func makeParent(of target: String) throws {
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    }
}
