import BinaryIO
import Crypto
import SystemPackage

/// A Debian-style checksum list (`md5sum.txt`): one `HEX  ./path` line per regular file, in path order, which
/// `md5sum -c` checks from the image's root.
enum ChecksumList {
    /// The file name the list gets in the image root.
    static let fileName = "md5sum.txt"

    /// The list for every regular file of `tree`, reading each file once in 1 MiB chunks.
    static func md5Lines(for tree: SourceTree, progress: ProgressCounter) throws -> [UInt8] {
        var text = ""
        var buffer = [UInt8](repeating: 0, count: FileCopier.chunkSize)
        try tree.forEach { node, path in
            guard node.kind == .regular else { return }
            let digest = try md5(of: node.hostPath, from: node.hostOffset, size: node.size, buffer: &buffer)
            text += "\(Hex.string(digest, separator: ""))  ./\(path.joined(separator: "/"))\n"
            progress.advance(bytes: node.size, files: 1)
        }
        return Array(text.utf8)
    }

    private static func md5(of path: String, from start: Int64, size: Int64, buffer: inout [UInt8]) throws -> [UInt8] {
        let file = try IOError.wrap("open", path: path) {
            try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        }
        defer { try? file.close() }
        var hasher = Insecure.MD5()
        var offset: Int64 = 0
        while offset < size {
            let want = Int(min(Int64(buffer.count), size - offset))
            let got = try IOError.wrap("read", path: path) {
                try buffer.withUnsafeMutableBytes { raw in
                    try file.read(fromAbsoluteOffset: start + offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))
                }
            }
            guard got > 0 else {
                throw DecodeError.truncated(structure: "file data of \(path)", offset: offset, needed: want, available: 0)
            }
            hasher.update(data: buffer[0..<got])
            offset += Int64(got)
        }
        return Array(hasher.finalize())
    }
}
