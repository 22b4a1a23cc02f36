import Compression
import Foundation
import LiveSystem
import TestSupport
import Testing

/// What the rescue default's base layer and initramfs hold for remote rescue, read back from a built image with
/// unsquashfs and cpio: dropbear and the tools with their libraries, keymaps, the settings library, and no secrets.
@Suite(
    "Rescue root", .serialized,
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
    .oracles("osirrox", "unsquashfs", "cpio"))
struct RescueRootTests {
    @Test("no SSH host key and no password in the image; dropbear, the tools, their libraries and keymaps are there")
    func contents() async throws {
        try await withTemporaryDirectory(prefix: "isokit-rescue-root") { directory in
            let report = try await LiveBuilder.build(LiveFixture.options(.rescue, in: directory))
            let out = directory + "/x"
            try await Tool.run("osirrox", ["-indev", report.output, "-extract", "/live", out + "/live", "-extract", "/boot", out + "/boot"])
            let layer = out + "/live/00-base.squashfs"
            let listing = try await Tool.run("unsquashfs", ["-lls", layer]).stdout
            let paths = listing.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: "squashfs-root") else { return nil }
                return String(line[range.upperBound...]).components(separatedBy: " -> ")[0]
            }

            #expect(paths.contains("/etc/dropbear"))
            let keys = paths.filter { $0.hasPrefix("/etc/dropbear/") || $0.lowercased().contains("host_key") }
            #expect(keys.isEmpty, "host keys baked into the image: \(keys)")
            #expect(!paths.contains { $0.hasPrefix("/root/.ssh") }, "no authorized keys in the image")

            try await Tool.run("unsquashfs", ["-q", "-d", out + "/root", layer, "etc/shadow", "etc/profile", "etc/shells"])
            let shadow = try String(contentsOfFile: out + "/root/etc/shadow", encoding: .utf8)
            #expect(shadow == "root:*:19000:0:99999:7:::\n", "root must have no password in the image")
            #expect(try String(contentsOfFile: out + "/root/etc/shells", encoding: .utf8).contains("/bin/sh\n"))
            let profile = try String(contentsOfFile: out + "/root/etc/profile", encoding: .utf8)
            #expect(profile.contains("alias fdisk=/sbin/fdisk\n"), "\(profile)")

            for program in [
                "/usr/sbin/dropbear", "/usr/bin/dropbearkey", "/usr/bin/dbclient", "/sbin/fdisk", "/sbin/sfdisk",
                "/sbin/mke2fs", "/sbin/mkfs.ext4", "/sbin/e2fsck", "/sbin/resize2fs", "/sbin/mkfs.fat", "/sbin/fsck.fat",
                "/usr/bin/rsync", "/usr/bin/curl", "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6",
                "/lib/x86_64-linux-gnu/libcrypt.so.1", "/etc/ssl/certs/ca-certificates.crt", "/lib/isokit/settings.sh",
                "/usr/share/keymaps/de.bmap", "/usr/share/keymaps/us.bmap",
            ] {
                #expect(paths.contains(program), "\(program) missing from the rescue root")
            }
            #expect(listing.contains("squashfs-root/sbin/mkfs.ext4 -> mke2fs"), "mkfs.ext4 links to e2fsprogs' mke2fs")

            let packed = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/boot/x86_64/initrd.img")))
            let archive = try Decompressor(format: CompressionFormat(detecting: packed)).decompress(packed)
            let members = try await Tool.run("cpio", ["-t", "--quiet"], input: archive).stdout.split(separator: "\n")
            #expect(members.contains("lib/isokit/settings.sh"))
            print("rescue image: \(report.bytes) bytes; layers \(report.layers.map { "\($0.file) \($0.bytes)" }); initramfs \(report.initramfsBytes)")
        }
    }
}
