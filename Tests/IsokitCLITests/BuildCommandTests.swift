import Foundation
import TestSupport
import Testing

@Suite("isokit build and kernel")
struct BuildCommandTests {
    /// Whether the cached Debian kernel is there (`scripts/setup`), or oracles are required so its absence fails.
    static var kernelAvailable: Bool { Oracle.required || KernelCache.modulesDirectory != nil }

    @Test("build --json reports the layers, the kernel and the boot entries", .enabled(if: kernelAvailable))
    func json() async throws {
        try await withTemporaryDirectory(prefix: "isokit-cli-build") { directory in
            try FileTree.write(["extra/etc/motd": .text("hi\n")], under: directory)
            let result = try await IsokitBinary.run(
                ["build", "-o", directory + "/live.iso", "--layer", directory + "/extra", "--volid", "CLI_TEST", "--json"],
                environment: ["SOURCE_DATE_EPOCH": "1700000000"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let layers = (report["layers"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
            #expect(layers == ["00-base.squashfs", "10-extra.squashfs"])
            #expect(report["volumeID"] as? String == "CLI_TEST")
            #expect((report["bootEntries"] as? [String])?.first == "isokit live")
            #expect((report["kernel"] as? [String: Any])?["release"] as? String != nil)
            #expect(result.stderr.isEmpty, "--json keeps stderr quiet: \(result.stderr)")
        }
    }

    @Test(
        "bad input exits non-zero with one line naming the path, and leaves no output",
        arguments: [
            (["build", "ROOT", "-o", "OUT"], 66, "ROOT: the root file system has no executable /sbin/init"),
            (["build", "RECIPE", "-o", "OUT"], 66, "RECIPE: unknown keys: rootfs"),
            (["build", "-o", "OUT", "--volid", "lower case"], 64, "volume id \"lower case\": use 1 to 32 characters"),
            (["build", "-o", "OUT", "--kernel", "NOKERNEL"], 66, "no kernel found; tried: NOKERNEL: not a readable file"),
            (["build", "-o", "OUT", "--arch", "aarch64", "--kernel", "X86KERNEL"], 66,
             "X86KERNEL: an x86 bzImage, but --arch aarch64 needs an arm64 kernel Image"),
            (["build", "-o", "OUT", "--kernel", "ROOT/etc/hostname"], 66,
             "ROOT/etc/hostname: not a Linux kernel image (kernel image header at 0x0 (LBA 0): 2 bytes, need 518), but --arch x86_64 needs an x86 bzImage"),
        ])
    func badInput(arguments: [String], status: Int32, message: String) async throws {
        try await withTemporaryDirectory(prefix: "isokit-cli-build") { directory in
            try FileTree.write([
                "root/etc/hostname": .text("x\n"), "recipe.toml": .text("rootfs = \"x\"\n"),
                // Only the start of an x86 bzImage (boot.rst: "HdrS" at 0x202): refused before anything is fetched.
                "root/vmlinuz": .file([UInt8](repeating: 0, count: 0x202) + Array("HdrS".utf8)),
            ], under: directory)
            let names = [
                "ROOT": directory + "/root", "RECIPE": directory + "/recipe.toml", "OUT": directory + "/out.iso",
                "NOKERNEL": directory + "/vmlinuz-none", "X86KERNEL": directory + "/root/vmlinuz",
            ]
            func substitute(_ text: String) -> String {
                names.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            }
            let result = try await IsokitBinary.run(arguments.map(substitute))
            #expect(result.status == status, "\(result.stderr)")
            #expect(result.stderr.contains("isokit: " + substitute(message)), "\(result.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(left == ["recipe.toml", "root"])
        }
    }

    @Test("kernel show --json names the cached kernel", .enabled(if: kernelAvailable))
    func kernelShow() async throws {
        let result = try await IsokitBinary.run(["kernel", "show", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let kernel = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(["host", "cache"].contains(kernel["origin"] as? String ?? ""))
        #expect((kernel["modulesDirectory"] as? String)?.hasSuffix(kernel["release"] as? String ?? "?") == true)
    }

    @Test("an unreadable file in the root: exit 74 with the file named, no output (run as nobody when root)")
    func unreadableFile() async throws {
        try await withTemporaryDirectory(prefix: "isokit-cli-build") { directory in
            let release = "6.1.0-0-test"
            let builtin = ["fs/isofs/isofs.ko", "fs/squashfs/squashfs.ko", "fs/overlayfs/overlay.ko", "drivers/block/loop.ko"]
            try FileTree.write([
                "root/sbin/init": .text("#!/bin/sh\n", mode: 0o755),
                "root/secret": .text("s\n", mode: 0o000),
                // Only the start of an x86 bzImage (boot.rst: "HdrS" at 0x202): the build fails before it is copied.
                "k/vmlinuz-\(release)": .file([UInt8](repeating: 0, count: 0x202) + Array("HdrS".utf8)),
                "k/m/\(release)/modules.dep": .text(""),
                "k/m/\(release)/modules.builtin": .text(builtin.map { "kernel/\($0)\n" }.joined()),
                "k/m/\(release)/modules.builtin.modinfo": .file(Array("isofs.alias=iso9660\0".utf8), mode: 0o644),
            ], under: directory)
            let arguments = [
                "build", directory + "/root", "-o", directory + "/out.iso", "--kernel", directory + "/k/vmlinuz-\(release)",
                "--modules", directory + "/k/m/\(release)", "--quiet",
            ]
            let result: ToolResult
            if geteuid() == 0 {
                // Root reads every file, so the build runs as nobody, which may write the directory but not read the file.
                _ = chmod(directory, 0o777)
                result = try await Tool.runAllowingFailure(
                    "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", IsokitBinary.path] + arguments)
            } else {
                result = try await IsokitBinary.run(arguments)
            }
            #expect(result.status == 74, "\(result.stderr)")
            #expect(result.stderr == "isokit: \(directory)/root/secret: open: Permission denied\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["k", "root"])
        }
    }
}
