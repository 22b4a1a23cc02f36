import BinaryIO
import Foundation
import SystemPackage
import TestSupport
import Testing

@testable import DiskFormats

@Suite("CpioArchiveWriter")
struct CpioArchiveWriterTests {
    /// The member names of ``initramfs(hostFile:time:device:)``, in order.
    static let paths = ["bin", "dev", "dev/console", "init", "bin/tool", "bin/sh", "etc-a", "etc-b", "empty"]

    /// An initramfs-like archive; `hostFile` is archived as `bin/tool`.
    static func initramfs(hostFile: String, time: UInt32? = 1_700_000_000, device: Bool = true) throws -> [UInt8] {
        try write(to: CpioByteSink(), hostFile: hostFile, time: time, device: device).bytes
    }

    /// Writes the archive of ``initramfs(hostFile:time:device:)`` to `sink` and returns the sink.
    static func write<Sink: CpioSink>(
        to sink: Sink, hostFile: String, time: UInt32? = 1_700_000_000, device: Bool = true
    ) throws -> Sink {
        var writer = CpioArchiveWriter(sink: sink, fixedModificationTime: time)
        try writer.append(directory: "/bin")
        try writer.append(directory: "dev", modificationTime: 5)
        if device { try writer.append(device: "dev/console", type: .characterDevice, major: 5, minor: 1) }
        try writer.append(file: "/init", contents: Array("#!/bin/sh\nexec sh\n".utf8), mode: 0o755)
        try writer.append(file: "bin/tool", hostPath: hostFile, mode: 0o750)
        try writer.append(symlink: "bin/sh", target: "tool")
        try writer.append(hardLinks: ["etc-a", "etc-b"], contents: Array("linked\n".utf8))
        try writer.append(file: "empty", contents: [])
        try writer.finish()
        return writer.sink
    }

    static func hostFile(in scratch: TemporaryDirectory, count: Int = 3 << 20) throws -> (path: String, bytes: [UInt8]) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try scratch.write(bytes, to: "tool", at: 0)
        return (scratch.path("tool"), bytes)
    }

    @Test("entries read back: types, modes, inodes, links, data")
    func readBack() throws {
        let scratch = try TemporaryDirectory()
        let host = try Self.hostFile(in: scratch)
        let archive = try Self.initramfs(hostFile: host.path)
        #expect(archive.count % 4 == 0)
        let entries = try CpioArchiveReader(bytes: archive[...]).entries
        #expect(entries.map(\.path) == Self.paths)
        #expect(entries.map(\.header.inode) == [1, 2, 3, 4, 5, 6, 7, 7, 8])
        #expect(entries.allSatisfy { $0.header.modificationTime == 1_700_000_000 })
        #expect(entries[2].type == .characterDevice && entries[2].header.specialDeviceMajor == 5)
        #expect(entries[2].header.specialDeviceMinor == 1 && entries[2].permissions == 0o600)
        #expect(entries[3].header.mode == 0o100755)
        #expect(entries[4].permissions == 0o750 && entries[4].data.elementsEqual(host.bytes))
        #expect(entries[5].header.mode == 0o120777 && entries[5].data.elementsEqual("tool".utf8))
        #expect(entries[6].header.linkCount == 2 && entries[6].data.isEmpty)
        #expect(entries[7].data.elementsEqual("linked\n".utf8))
    }

    @Test("a fixed time gives identical bytes whatever the host file's time")
    func reproducible() throws {
        let scratch = try TemporaryDirectory()
        let host = try Self.hostFile(in: scratch, count: 1000)
        let first = try Self.initramfs(hostFile: host.path)
        var times = [timespec(tv_sec: 12345, tv_nsec: 0), timespec(tv_sec: 12345, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, host.path, &times, 0) == 0)
        #expect(try Self.initramfs(hostFile: host.path) == first)
        let own = try CpioArchiveReader(bytes: Self.initramfs(hostFile: host.path, time: nil)[...]).entries
        #expect(own[1].header.modificationTime == 5 && own[4].header.modificationTime == 12345)
    }

    @Test("SOURCE_DATE_EPOCH is read as a 32-bit time")
    func sourceDateEpoch() {
        typealias Writer = CpioArchiveWriter<CpioByteSink>
        #expect(Writer.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "1700000000"]) == 1_700_000_000)
        #expect(Writer.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "soon"]) == nil)
        #expect(Writer.sourceDateEpoch(in: [:]) == nil)
    }

    @Test("paths are stored relative", arguments: [("/a/b", "a/b"), ("./a//b/", "a/b"), ("a", "a")])
    func relativePaths(given: String, stored: String) throws {
        var writer = CpioArchiveWriter(sink: CpioByteSink())
        try writer.append(directory: given)
        try writer.finish()
        #expect(try CpioArchiveReader(bytes: writer.sink.bytes[...]).entries.map(\.path) == [stored])
    }

    @Test("unsafe paths are refused", arguments: ["/", "", "a/../b", "a/./b", ".."])
    func unsafePaths(path: String) {
        var writer = CpioArchiveWriter(sink: CpioByteSink())
        #expect(throws: CpioError.invalidPath(path: path, reason: "empty, or has a . or .. component")) {
            try writer.append(directory: path)
        }
        #expect(writer.sink.bytes.isEmpty)
    }

    @Test("a host file of 4 GiB does not fit c_filesize")
    func tooLarge() throws {
        let scratch = try TemporaryDirectory()
        let big = try scratch.sparseFile("big", size: 1 << 32)
        var writer = CpioArchiveWriter(sink: CpioByteSink())
        #expect(throws: CpioError.fieldTooLarge(path: "big", field: "c_filesize", value: 1 << 32)) {
            try writer.append(file: "big", hostPath: big)
        }
        #expect(writer.sink.bytes.isEmpty)
    }

    @Test("a hard link group needs distinct names", arguments: [[String](), ["a", "/a"]])
    func badLinkGroup(paths: [String]) {
        var writer = CpioArchiveWriter(sink: CpioByteSink())
        #expect(throws: CpioError.invalidLinkGroup(paths: paths)) { try writer.append(hardLinks: paths, contents: []) }
    }

    @Test("nothing goes after the trailer")
    func afterFinish() throws {
        var writer = CpioArchiveWriter(sink: CpioByteSink())
        try writer.finish()
        #expect(throws: CpioError.finished(path: "x")) { try writer.append(directory: "x") }
    }

    @Test("a file sink writes the same bytes")
    func fileSink() throws {
        let scratch = try TemporaryDirectory()
        let host = try Self.hostFile(in: scratch, count: 100)
        let expected = try Self.initramfs(hostFile: host.path)
        let descriptor = try FileDescriptor.open(
            scratch.path("out.cpio"), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
        let sink = try descriptor.closeAfter {
            try Self.write(to: CpioFileSink(descriptor: descriptor, path: "out.cpio"), hostFile: host.path)
        }
        #expect(sink.offset == Int64(expected.count))
        #expect(try scratch.bytes("out.cpio", at: 0, count: expected.count) == expected)
    }

    @Test("cpio -t and bsdtar list our archive", .oracles("cpio", "bsdtar"))
    func listedByTools() async throws {
        let scratch = try TemporaryDirectory()
        let host = try Self.hostFile(in: scratch, count: 5000)
        try scratch.write(try Self.initramfs(hostFile: host.path), to: "a.cpio", at: 0)
        let environment = Tool.reproducibleEnvironment
        let names = try await Tool.run("cpio", ["-t", "--quiet", "-F", scratch.path("a.cpio")], environment: environment)
        #expect(names.stdout.split(separator: "\n") == Self.paths.map { Substring($0) })
        let long = try await Tool.run("bsdtar", ["tvf", scratch.path("a.cpio")], environment: environment).stdout
        let lines = long.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines[2].hasPrefix("crw-------") && lines[2].contains("5,1"))
        #expect(lines[5].hasPrefix("lrwxrwxrwx") && lines[5].hasSuffix("bin/sh -> tool"))
        #expect(lines[4].hasPrefix("-rwxr-x---") && lines[4].contains(" 5000 "))
    }

    @Test("cpio -idv extracts contents, modes, symlinks and hard links", .oracles("cpio"))
    func extractedByCpio() async throws {
        let scratch = try TemporaryDirectory()
        let host = try Self.hostFile(in: scratch)
        try scratch.write(try Self.initramfs(hostFile: host.path, device: false), to: "a.cpio", at: 0)
        let out = scratch.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try await Tool.run(
            "cpio", ["-idvm", "--quiet", "--no-absolute-filenames", "-F", scratch.path("a.cpio")],
            environment: Tool.reproducibleEnvironment, currentDirectory: out)
        let files = FileManager.default
        #expect(files.contents(atPath: "\(out)/bin/tool").map { [UInt8]($0) } == host.bytes)
        #expect(files.contents(atPath: "\(out)/init").map { String(decoding: $0, as: UTF8.self) } == "#!/bin/sh\nexec sh\n")
        #expect(try files.destinationOfSymbolicLink(atPath: "\(out)/bin/sh") == "tool")
        var initInfo = stat()
        #expect(lstat("\(out)/init", &initInfo) == 0 && initInfo.st_mode & 0o7777 == 0o755)
        #expect(Int64(initInfo.st_mtim.tv_sec) == 1_700_000_000)
        var a = stat()
        var b = stat()
        #expect(lstat("\(out)/etc-a", &a) == 0 && lstat("\(out)/etc-b", &b) == 0)
        #expect(a.st_ino == b.st_ino && a.st_nlink == 2)
        #expect(files.contents(atPath: "\(out)/etc-a").map { [UInt8]($0) } == Array("linked\n".utf8))
        #expect(files.contents(atPath: "\(out)/empty")?.isEmpty == true)
    }
}
