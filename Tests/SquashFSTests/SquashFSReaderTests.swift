import SquashFS
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("SquashFSReader")
struct SquashFSReaderTests {
    @Test(
        "lists and reads images from isokit and from mksquashfs", .oracles("mksquashfs"),
        arguments: ["isokit", "mksquashfs"])
    func listsAndReads(writer: String) async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/image.sqfs"
            if writer == "isokit" {
                try SquashFSBuilder.build(from: source, to: image, options: SquashFSOptions(compressor: .xz, fixedTime: 1))
            } else {
                try await Tool.run("mksquashfs", [source, image, "-comp", "gzip", "-noappend", "-quiet", "-no-progress"])
            }
            let entries = try SquashFSReader.entries(of: image)
            #expect(entries.first?.path == "")
            let byPath = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
            #expect(byPath["bin"]?.linkTarget == "usr/bin")
            #expect(byPath["var/sparse.img"]?.sizeBytes == 8 << 20)
            #expect(byPath["etc/hostname"]?.inodeNumber == byPath["etc/hostname.link"]?.inodeNumber)
            #expect(byPath["var/pipe"]?.mode == 0o010644)
            #expect(byPath["usr/share/Ünïcödé/日本語.txt"]?.user == geteuid())
            #expect(Set(entries.map(\.path)) == Set(try FileTree.list(source).map { line in
                var path = String(line.split(separator: " -> ").first ?? "")
                if path.hasSuffix("/") { path.removeLast() }
                return path
            } + [""]))
            for file in ["etc/hostname", "usr/bin/tool", "var/cache/big.bin", "etc/empty"] {
                let bytes = try SquashFSReader.contents(of: file, in: image)
                #expect(bytes == (try ContentCompare.contents(of: source + "/" + file)), "\(file)")
            }
        }
    }

    @Test("a missing path, a directory and a non-image are errors naming the image")
    func errors() throws {
        let directory = try TemporaryDirectory()
        let source = try SourceFixture.make(in: directory.path)
        let image = directory.path("image.sqfs")
        try SquashFSBuilder.build(from: source, to: image)
        #expect(throws: SquashFSError.library(operation: "find /etc/nope", path: image, code: -13)) {
            try SquashFSReader.contents(of: "etc/nope", in: image)
        }
        #expect(throws: SquashFSError.library(operation: "file size /etc", path: image, code: -15)) {
            try SquashFSReader.contents(of: "etc", in: image)
        }
        #expect(throws: SquashFSError.library(operation: "read super block", path: source + "/var/cache/big.bin", code: -9)) {
            try SquashFSReader.entries(of: source + "/var/cache/big.bin")
        }
    }
}
