import BinaryIO
import Crypto
import Foundation
import ISO9660
import SquashFS

/// Files beside a root image that describe it and go stale when it is rebuilt: casper's `NAME.size` (bytes the
/// unpacked root takes) and archiso's `airootfs.sha512` and signatures. (The medium's `md5sum.txt` and
/// `sha256sum.txt` are refreshed for every change by ``ChecksumListRefresher``.)
enum Sidecars {
    /// Updates (under `overlay`) or drops the sidecars of the rebuilt root image `top` (an image path).
    static func update(for top: String, image: ISOImage, overlay: String, result: inout RootEditResult) throws {
        let rebuilt = overlay + top
        let directory = (top as NSString).deletingLastPathComponent
        let name = (top as NSString).lastPathComponent
        func exists(_ path: String) -> Bool { (try? image.entry(at: path)) != nil }
        func write(_ text: String, to path: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: overlay + path))
            result.written.append(path)
        }

        if name.hasSuffix(".squashfs") {
            let sizeFile = directory + "/" + name.dropLast(".squashfs".count) + ".size"
            if exists(sizeFile) {
                let original = try image.contents(of: sizeFile, limitBytes: 4096)
                try write(String(try unpackedBytes(rebuilt)) + (original.last == 0x0A ? "\n" : ""), to: sizeFile)
            }
        }
        let sha512File = directory + "/" + (name as NSString).deletingPathExtension + ".sha512"
        if exists(sha512File) {
            try write(try TreeFile.digest(of: rebuilt, as: SHA512.self) + "  " + name + "\n", to: sha512File)
        }
        for signature in [top + ".sig", top + ".cms.sig"] where exists(signature) {
            result.deleted.append(signature)
            result.notes.append("\(signature) signed the original root image; it was left out (sign the new one if you need it)")
        }
    }

    /// The bytes the unpacked root takes, as `du --block-size=1` counts them: each file and directory rounded up
    /// to 4 KiB blocks.
    static func unpackedBytes(_ image: String) throws -> UInt64 {
        try SquashFSReader.entries(of: image).reduce(0) { total, entry in
            if entry.isDirectory { return total + 4096 }
            return total + (entry.sizeBytes + 4095) / 4096 * 4096
        }
    }
}
