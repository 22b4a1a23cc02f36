import Compression
import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite("InitramfsContents")
struct InitramfsContentsTests {
    static let phram = InitramfsModule(
        source: "/nonexistent/phram.ko", relativePath: "kernel/drivers/mtd/devices/phram.ko")
    static let isofs = InitramfsModule(source: "/nonexistent/isofs.ko", relativePath: "kernel/fs/isofs/isofs.ko")

    @Test(
        "memdiskfind and its libraries go in when the modules include phram on an amd64 kernel, else nothing",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/memdiskfind"), "needs syslinux-utils"))
    func memdiskPrograms() throws {
        let files = try InitramfsContents.memdiskPrograms(
            modules: [Self.isofs, Self.phram], kernelRelease: "6.1.0-56-amd64", programRoot: "/")
        #expect(files.first?.targetPath == "/usr/bin/memdiskfind")
        #expect(files.contains { $0.role == .interpreter })
        #expect(files.contains { $0.targetPath.hasSuffix("/libc.so.6") })
        // The cloud kernel has no phram; memdisk is x86 BIOS only.
        #expect(try InitramfsContents.memdiskPrograms(modules: [Self.isofs], kernelRelease: "6.1.0-56-cloud-amd64", programRoot: "/").isEmpty)
        #expect(try InitramfsContents.memdiskPrograms(modules: [Self.phram], kernelRelease: "6.1.0-56-arm64", programRoot: "/").isEmpty)
        #expect(try InitramfsContents.memdiskPrograms(modules: [Self.phram], kernelRelease: "6.1.0-56-amd64", programRoot: "/nonexistent").isEmpty)
    }

    @Test("the builder writes programs at their target paths, executable, beside busybox and the init", .oracles("cpio"))
    func programsInArchive() async throws {
        try await withTemporaryDirectory(prefix: "isokit-initramfs-programs") { directory in
            let program = directory + "/tool"
            try Data("#!/bin/sh\necho tool\n".utf8).write(to: URL(fileURLWithPath: program))
            let contents = InitramfsContents(
                busybox: "/bin/busybox", kernelRelease: "6.1.0-56-amd64", modules: [], modulesDependencies: "",
                label: "TEST", programs: [ClosureFile(hostPath: program, targetPath: "/usr/bin/tool", role: .script)])
            let output = directory + "/initrd"
            try InitramfsBuilder.write(
                contents, to: output, compression: try Compressor(format: .none), modificationTime: 0)
            let listing = try await Tool.run("cpio", ["-itv", "-F", output]).stdout
            let line = try #require(listing.split(separator: "\n").first { $0.hasSuffix(" usr/bin/tool") })
            #expect(line.hasPrefix("-rwxr-xr-x"))
            #expect(listing.split(separator: "\n").contains { $0.hasSuffix(" usr/bin") })
            #expect(listing.contains(" init\n") && listing.contains(" bin/busybox\n"))
        }
    }
}
