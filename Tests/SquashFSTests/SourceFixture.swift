import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Builds the test source tree: nested directories, unicode and long names, empty, large and sparse files,
/// symlinks, a hard link, a FIFO and (as root) a character device.
enum SourceFixture {
    static let longName = String(repeating: "n", count: 200) + ".txt"
    static let time: Int64 = 1_700_000_000

    static func make(in directory: String) throws -> String {
        let root = directory + "/src"
        var pattern: [UInt8] = []
        for index in 0..<(300 << 10) { pattern.append(UInt8(truncatingIfNeeded: index &* 7 &+ index >> 9)) }
        try FileTree.write(
            [
                "etc/hostname": .text("live\n"),
                "etc/empty": .file([]),
                "etc/secret": .file(Array("s".utf8), mode: 0o600),
                "usr/bin/tool": .file(pattern, mode: 0o755),
                "usr/share/doc/deep/er/still/file": .text("deep\n"),
                "usr/share/Ünïcödé/日本語.txt": .text("名前\n"),
                "usr/share/\(longName)": .text("long\n"),
                "var/cache/big.bin": .file(pattern + pattern),
                "bin": .symlink("usr/bin"),
                "dangling": .symlink("/does/not/exist"),
                "emptydir/": .directory(mode: 0o700),
            ], under: root, modificationTime: time)
        // A sparse file: 8 MiB with data only in its last 4 KiB.
        let sparse = root + "/var/sparse.img"
        let descriptor = open(sparse, O_CREAT | O_WRONLY, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        let tail = [UInt8](repeating: 0xAB, count: 4096)
        _ = tail.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t((8 << 20) - 4096)) }
        close(descriptor)
        guard link(root + "/etc/hostname", root + "/etc/hostname.link") == 0 else { throw POSIXError(.EIO) }
        guard mkfifo(root + "/var/pipe", 0o644) == 0 else { throw POSIXError(.EIO) }
        if geteuid() == 0 {  // 1,3 (/dev/null); glibc encodes small numbers as major << 8 | minor
            guard mknod(root + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else { throw POSIXError(.EIO) }
        }
        for path in ["/var/sparse.img", "/etc/hostname.link", "/var/pipe", "/var", "/etc", ""] {
            try FileTree.setModificationTime(time, of: root + path)
        }
        return root
    }
}
