import BinaryIO
import Foundation
import ISO9660
import Remaster
import SquashFS
import TestSupport
import Testing

@Suite("Repacker")
struct RepackerTests {
    /// A small image unpacked into `directory/work`.
    static func unpacked(in directory: String) throws -> String {
        try FileTree.write(["tree/a.txt": .text("a\n")], under: directory)
        _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/in.iso", options: ISOWriterOptions())
        try Unpacker.unpack(image: directory + "/in.iso", to: directory + "/work")
        return directory + "/work"
    }

    @Test("unpack refuses a non-empty directory and an input that is not an ISO image, and removes what it wrote when the root image is damaged")
    func badUnpackInput() async throws {
        try await withTemporaryDirectory(prefix: "isokit-repack") { directory in
            let work = try Self.unpacked(in: directory)
            #expect(throws: UnpackError.directoryNotEmpty(path: work)) { try Unpacker.unpack(image: directory + "/in.iso", to: work) }
            try FileTree.write(["junk.iso": .file(Array(repeating: 0x5A, count: 64 << 10))], under: directory)
            #expect(throws: ImageError.self) { try Unpacker.unpack(image: directory + "/junk.iso", to: directory + "/junk") }
            #expect(!FileManager.default.fileExists(atPath: directory + "/junk"))

            try FileTree.write(["bad/live/filesystem.squashfs": .text("not a squashfs image\n"), "empty/": .directory()], under: directory)
            _ = try ISOCreator.create(from: directory + "/bad", to: directory + "/bad.iso", options: ISOWriterOptions())
            for target in ["badroot", "empty"] {
                #expect(throws: SquashFSError.self) { try Unpacker.unpack(image: directory + "/bad.iso", to: directory + "/" + target) }
            }
            #expect(!FileManager.default.fileExists(atPath: directory + "/badroot"), "a directory unpack made is removed")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/empty") == [], "an empty one is emptied")
            try Unpacker.unpack(image: directory + "/bad.iso", to: directory + "/noroot", includeRoot: false)
            #expect(try Repacker.read(directory + "/noroot").root == nil)
        }
    }

    @Test("repack names a missing, corrupt or newer description and writes nothing")
    func badDescription() async throws {
        try await withTemporaryDirectory(prefix: "isokit-repack") { directory in
            let work = try Self.unpacked(in: directory)
            let json = work + "/" + UnpackDescription.fileName
            let output = directory + "/out.iso"
            #expect(throws: UnpackError.missingDescription(path: directory + "/tree")) {
                try Repacker.repack(directory: directory + "/tree", to: output)
            }
            let original = try String(contentsOfFile: json, encoding: .utf8)
            try original.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99")
                .write(toFile: json, atomically: true, encoding: .utf8)
            #expect(throws: UnpackError.unsupportedVersion(path: json, version: 99, supported: 1)) {
                try Repacker.repack(directory: work, to: output)
            }
            try String(original.prefix(40)).write(toFile: json, atomically: true, encoding: .utf8)
            #expect(throws: UnpackError.corruptDescription(path: json, reason: "bad JSON")) {
                try Repacker.repack(directory: work, to: output)
            }
            try original.replacingOccurrences(of: "\"volumeID\"", with: "\"volume\"").write(toFile: json, atomically: true, encoding: .utf8)
            #expect(throws: UnpackError.corruptDescription(path: json, reason: "no \"volumeID\"")) {
                try Repacker.repack(directory: work, to: output)
            }
            #expect(!FileManager.default.fileExists(atPath: output))
            try original.write(toFile: json, atomically: true, encoding: .utf8)
            var hostile = try Repacker.read(work)
            hostile.bootImages = [.init(entry: 0, file: "../../etc/passwd", sizeBytes: 1)]
            try JSONEncoder().encode(hostile).write(to: URL(fileURLWithPath: json))
            #expect(throws: UnpackError.corruptDescription(path: json, reason: "bootImages file \"../../etc/passwd\" is not a clean path")) {
                try Repacker.repack(directory: work, to: output)
            }
            try original.write(toFile: json, atomically: true, encoding: .utf8)
            #expect(throws: UnpackError.outputInsideTree(path: work + "/tree/out.iso")) {
                try Repacker.repack(directory: work, to: work + "/tree/out.iso")
            }
            let report = try Repacker.repack(directory: work, to: output)
            #expect(try ISOImage(path: report.output).contents(of: "/a.txt") == Array("a\n".utf8))
        }
    }
}
