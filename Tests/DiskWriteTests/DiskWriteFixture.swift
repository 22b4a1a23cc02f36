import DiskFormats
import Foundation
import ISO9660
import SystemPackage
import TestSupport

/// Small images for the write tests, made with isokit's own ISO writer.
enum DiskWriteFixture {
    /// A hybrid ISO (protective MBR and GPT, or MBR only) of a few files, at `directory/NAME.iso`.
    static func hybridISO(in directory: String, name: String = "image", scheme: PartitionScheme = .gpt) throws -> String {
        try FileTree.write(
            ["tree/hello.txt": .text("hello from the image\n"), "tree/data/blob": .file(Array(repeating: 0x5A, count: 300_000), mode: 0o644)],
            under: directory + "/" + name)
        // A hybrid system area needs a boot entry: a small ESP, as `isokit create --efi-boot` takes.
        var esp = FATImageBuilder(volumeLabel: "ESP", volumeID: 7)
        try esp.addFile("EFI/BOOT/BOOTX64.EFI", contents: Array(repeating: 0x4D, count: 4096))
        try esp.write(to: "\(directory)/\(name)/tree/efi.img")
        var options = ISOWriterOptions()
        options.bootImages = [BootImageOptions(firmware: .efi, path: "efi.img")]
        options.volumeID = "DISKWRITE_TEST"
        options.hybrid = true
        options.partitionScheme = scheme
        options.sourceDateEpoch = 1_700_000_000
        let output = "\(directory)/\(name).iso"
        _ = try ISOCreator.create(from: "\(directory)/\(name)/tree", to: output, options: options)
        return output
    }

    /// The size of the file at `path`.
    static func size(_ path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? -1
    }

    /// The first `count` bytes of the file at `path` (fewer if it is shorter).
    static func prefix(of path: String, count: Int) throws -> [UInt8] {
        let descriptor = try FileDescriptor.open(FilePath(path), .readOnly)
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = try buffer.withUnsafeMutableBytes { raw in
                try descriptor.read(fromAbsoluteOffset: Int64(done), into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]))
            }
            guard got > 0 else { break }
            done += got
        }
        return Array(buffer[..<done])
    }
}
