import BinaryIO
import CSquashFS
import DiskFormats
import Foundation
import SquashFS
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("SquashFSBuilder from tar")
struct SquashFSBuilderTarTests {
    static let epoch: UInt32 = 1_700_000_000

    /// `tar` of the whole source tree (with `./` names, as `tar -C dir .` writes them).
    static func archive(_ source: String, to archive: String, format: String = "posix", xattrs: Bool = false) async throws {
        var arguments = ["--format=\(format)", "--numeric-owner", "-cf", archive, "-C", source, "."]
        if xattrs { arguments.insert("--xattrs", at: 0) }
        try await Tool.run("tar", arguments, environment: Tool.reproducibleEnvironment)
    }

    @Test(
        "unsquashfs lists what mksquashfs lists for the extracted tree, and extracts the same contents",
        .oracles("tar", "unsquashfs", "mksquashfs"), arguments: ["posix", "gnu"], [true, false])
    func matchesMksquashfs(format: String, allRoot: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            if geteuid() == 0 {  // owners only root can set, read back from the archive
                #expect(lchown(source + "/etc/secret", 1234, 5678) == 0 && lchown(source + "/bin", 42, 43) == 0)
            }
            let tar = directory + "/root.tar", ours = directory + "/ours.sqfs", theirs = directory + "/theirs.sqfs"
            try await Self.archive(source, to: tar, format: format)
            let options = SquashFSOptions(fixedTime: Self.epoch, ownership: allRoot ? .root : .preserve)
            let summary = try SquashFSBuilder.build(fromTar: tar, to: ours, options: options)
            try await Tool.run(
                "mksquashfs", [source, theirs, "-comp", "zstd", "-noappend", "-quiet", "-no-progress"]
                    + (allRoot ? ["-all-root"] : []),
                environment: ["SOURCE_DATE_EPOCH": String(Self.epoch)])
            let listing = try await UnsquashfsListing.read(ours)
            #expect(listing.ignoringDirectorySizes == (try await UnsquashfsListing.read(theirs)).ignoringDirectorySizes)
            #expect(summary.entryCount == listing.entries.count && summary.inodeCount == listing.entries.count - 1)
            if geteuid() == 0, !allRoot { #expect(listing.entries["etc/secret"]?.owner == "1234/5678") }

            let extracted = directory + "/out"
            try await Tool.run("unsquashfs", ["-no-progress", "-d", extracted, ours])
            #expect(try FileTree.list(extracted) == FileTree.list(source))
            for file in ["etc/hostname", "etc/empty", "usr/bin/tool", "var/cache/big.bin", "var/sparse.img",
                         "usr/share/Ünïcödé/日本語.txt", "usr/share/\(SourceFixture.longName)"] {
                #expect(try ContentCompare.firstDifference(file: source + "/" + file, file: extracted + "/" + file) == nil)
            }
            var first = stat(), second = stat()
            #expect(lstat(extracted + "/etc/hostname", &first) == 0 && lstat(extracted + "/etc/hostname.link", &second) == 0)
            #expect(first.st_ino == second.st_ino && first.st_nlink == 2)
        }
    }

    @Test(
        "a compressed archive gives the same image as the plain one", .oracles("tar", "gzip", "zstd", "xz"),
        arguments: [["gzip", "-n"], ["zstd", "-q"], ["xz"]])
    func compressed(compressor: [String]) async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let tar = directory + "/root.tar"
            try await Self.archive(source, to: tar)
            let packed = directory + "/root.tar.z"
            let bytes = try await Tool.run(compressor[0], Array(compressor.dropFirst()) + ["-c", tar]).standardOutputBytes
            try Data(bytes).write(to: URL(fileURLWithPath: packed))
            let options = SquashFSOptions(fixedTime: Self.epoch)
            try SquashFSBuilder.build(fromTar: tar, to: directory + "/plain.sqfs", options: options)
            try SquashFSBuilder.build(fromTar: packed, to: directory + "/packed.sqfs", options: options)
            #expect(try ContentCompare.firstDifference(file: directory + "/plain.sqfs", file: directory + "/packed.sqfs") == nil)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tar-") }
            #expect(left.isEmpty, "temporary files left: \(left)")
        }
    }

    /// A member: header, data, padding to 512 bytes.
    static func member(
        _ name: String, _ type: TarEntryType = .regular, data: [UInt8] = [], mode: UInt32 = 0o644, uid: Int64 = 0,
        link: String = "", major: Int64 = 0, minor: Int64 = 0
    ) -> [UInt8] {
        let header = TarHeader(
            name: Array(name.utf8), mode: mode, uid: uid, gid: uid, size: Int64(data.count),
            modificationTime: 1_600_000_000, type: type, linkName: Array(link.utf8), deviceMajor: major,
            deviceMinor: minor)
        return header.encode() + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    static func write(_ members: [[UInt8]], to path: String) throws {
        try Data(members.joined() + [UInt8](repeating: 0, count: 1024)).write(to: URL(fileURLWithPath: path))
    }

    @Test("tar rules: implicit parents, later members replace earlier ones, hard links, devices without root",
          .oracles("unsquashfs"))
    func tarSemantics() async throws {
        try await withTemporaryDirectory { directory in
            let tar = directory + "/rules.tar", image = directory + "/rules.sqfs"
            let attributes = PaxExtendedHeader(records: [
                .init(keyword: "SCHILY.xattr.user.isokit", value: [1, 0, 0, 2]),
                .init(keyword: "SCHILY.xattr.system.posix_acl_access", value: [2, 0, 0, 0]),
            ]).encode()
            try Self.write([
                Self.member("a/b/c/file", data: Array("first".utf8), uid: 7),
                Self.member("a/b/c/file", data: Array("second!".utf8), mode: 0o600),  // replaces the first
                Self.member("a/b/", .directory, mode: 0o700, uid: 5),  // updates the implicit directory
                Self.member("link", .hardLink, link: "a/b/c/file"),
                Self.member("dev/null", .characterDevice, mode: 0o666, major: 1, minor: 3),
                Self.member("dev/sda", .blockDevice, mode: 0o660, major: 8, minor: 16),
                Self.member("PaxHeaders/ping", .paxExtended, data: attributes),
                Self.member("/bin/ping", data: Array("ping".utf8), mode: 0o755),
                Self.member("./sym", .symbolicLink, link: "a/b/c/file"),
            ], to: tar)
            try FileTree.setModificationTime(1_650_000_000, of: tar)
            try SquashFSBuilder.build(fromTar: tar, to: image, options: SquashFSOptions(fixedTime: nil))
            let listing = try await UnsquashfsListing.read(image).entries
            #expect(listing["a"]?.mode == "drwxr-xr-x" && listing["a"]?.owner == "0/0")
            #expect(listing["a/b"]?.mode == "drwx------" && listing["a/b"]?.owner == "5/5")
            #expect(listing["a/b/c/file"]?.size == "7" && listing["a/b/c/file"]?.mode == "-rw-------")
            #expect(listing["dev/null"]?.mode == "crw-rw-rw-" && listing["dev/null"]?.size == "1,3")
            #expect(listing["dev/sda"]?.size == "8,16")
            #expect(listing["sym"]?.linkTarget == "a/b/c/file")
            let extracted = directory + "/out"
            try await Tool.run("unsquashfs", ["-no-progress", "-d", extracted, image])
            #expect(try ContentCompare.contents(of: extracted + "/link") == Array("second!".utf8))
            var file = stat(), link = stat(), implicit = stat()
            #expect(lstat(extracted + "/a/b/c/file", &file) == 0 && lstat(extracted + "/link", &link) == 0)
            #expect(file.st_ino == link.st_ino && file.st_nlink == 2 && file.st_mtim.tv_sec == 1_600_000_000)
            #expect(lstat(extracted + "/a", &implicit) == 0 && implicit.st_mtim.tv_sec == 1_650_000_000)
            var buffer = [UInt8](repeating: 0, count: 16)
            let count = buffer.withUnsafeMutableBytes {
                lgetxattr(extracted + "/bin/ping", "user.isokit", $0.baseAddress, $0.count)
            }
            #expect(Array(buffer.prefix(max(count, 0))) == [1, 0, 0, 2])
        }
    }

    @Test("excludes match member paths; a hard link to an excluded file keeps its data", .oracles("unsquashfs"))
    func excludes() async throws {
        try await withTemporaryDirectory { directory in
            let tar = directory + "/ex.tar", image = directory + "/ex.sqfs"
            try Self.write([
                Self.member("./var/", .directory), Self.member("./var/log/", .directory),
                Self.member("./var/cache/big", data: Array("cached".utf8)),
                Self.member("./var/log/x.log", data: Array("log".utf8)),
                Self.member("./keep", .hardLink, link: "var/cache/big"),
            ], to: tar)
            let options = SquashFSOptions(fixedTime: Self.epoch, excludes: ["var/cache", "*.log", "var/log/*"])
            try SquashFSBuilder.build(fromTar: tar, to: image, options: options)
            let listing = try await UnsquashfsListing.read(image).entries
            #expect(Set(listing.keys) == ["", "var", "var/log", "keep"])
            #expect(listing["keep"]?.size == "6")
        }
    }

    @Test("a hard link to nothing, a member under a file and a .. path are errors naming the archive")
    func errors() throws {
        let directory = try TemporaryDirectory()
        let tar = directory.path("bad.tar"), image = directory.path("bad.sqfs")
        try Self.write([Self.member("link", .hardLink, link: "missing")], to: tar)
        #expect(throws: SquashFSError.hardLinkTargetMissing(path: "\(tar):link", target: "\(tar):missing")) {
            try SquashFSBuilder.build(fromTar: tar, to: image)
        }
        try Self.write([Self.member("file"), Self.member("file/child")], to: tar)
        #expect(throws: SquashFSError.parentNotADirectory(path: "\(tar):file/child", parent: "\(tar):file")) {
            try SquashFSBuilder.build(fromTar: tar, to: image)
        }
        try Self.write([Self.member("../escape")], to: tar)
        do {
            try SquashFSBuilder.build(fromTar: tar, to: image)
            Issue.record("a .. path was accepted")
        } catch let error as ImageError {
            #expect(error.description == "\(tar): tar path at 0x0 (LBA 0): \"../escape\" has a \"..\" component")
        }
        #expect(!FileManager.default.fileExists(atPath: image))
    }
}
