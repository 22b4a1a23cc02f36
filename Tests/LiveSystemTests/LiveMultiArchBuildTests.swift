import BootConfig
import Compression
import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite(
    "Live multi-architecture build", .serialized,
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
    .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"))
struct LiveMultiArchBuildTests {
    @Test(
        "x86_64,aarch64: BIOS and UEFI El Torito entries, BOOTX64.EFI and BOOTAA64.EFI in one ESP, per-architecture kernels, initrds and layers, one grub.cfg",
        .oracles("xorriso", "sgdisk", "mdir", "cpio", "osirrox", "grub-script-check"))
    func layout() async throws {
        try await withTemporaryDirectory(prefix: "isokit-multiarch") { directory in
            var options = LiveFixture.options(.rescue, in: directory)
            options.architectures = [.x86_64, .aarch64]
            let report = try await LiveBuilder.build(options)
            #expect(report.architectures == [.x86_64, .aarch64])
            #expect(report.kernel.release.hasSuffix("-amd64"))
            #expect(report.layers.map(\.file) == ["00-base.squashfs", "aarch64/00-base.squashfs"])
            #expect(report.bootEntries.count == 6)
            #expect(report.bootEntries.contains("isokit live (aarch64)"))

            let torito = try await Tool.run("xorriso", ["-indev", report.output, "-report_el_torito", "plain"]).stdout
            #expect(torito.contains("El Torito boot img :   1  BIOS  y"), "\(torito)")
            #expect(torito.contains("El Torito boot img :   2  UEFI  y"), "\(torito)")
            let gpt = try await Tool.run("sgdisk", ["-v", report.output])
            #expect(gpt.stdout.contains("No problems found."), "\(gpt.stdout)")

            let out = directory + "/x"
            try await Tool.run("osirrox", [
                "-indev", report.output, "-extract", "/boot", out + "/boot", "-extract", "/live", out + "/live",
            ])
            let listing = try await Tool.run("mdir", ["-i", out + "/boot/grub/efi.img", "-b", "-/", "::/"]).stdout
            #expect(listing.split(separator: "\n").filter { $0.hasSuffix(".EFI") }.sorted()
                == ["::/EFI/BOOT/BOOTAA64.EFI", "::/EFI/BOOT/BOOTX64.EFI"], "\(listing)")
            for path in ["boot/x86_64/vmlinuz", "boot/aarch64/vmlinuz", "boot/grub/i386-pc/eltorito.img",
                "live/layers.list", "live/manifest.json", "live/aarch64/layers.list", "live/aarch64/manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: "\(out)/\(path)"), "\(path) missing")
            }

            let grub = try String(contentsOfFile: out + "/boot/grub/grub.cfg", encoding: .utf8)
            try await Tool.run("grub-script-check", [out + "/boot/grub/grub.cfg"])
            let menu = try GrubMenuDocument(text: grub)
            #expect(menu.items.count == 6)
            #expect(menu.items.first?.title == "isokit live", "the first architecture's entry is what readers take as the default")
            #expect(grub.contains("if [ \"$grub_cpu\" = arm64 ]; then set isokit_cpu_menu=2; fi\n"), "\(grub)")
            #expect(grub.contains("linux /boot/aarch64/vmlinuz isokit.label=ISOKIT_TEST console=tty0 console=ttyAMA0,115200"))
            #expect(grub.contains("linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_TEST console=tty0 console=ttyS0,115200"))

            let packed = try ContentCompare.contents(of: out + "/boot/aarch64/initrd.img")
            let archive = try Decompressor(format: CompressionFormat(detecting: packed)).decompress(packed)
            let conf = try await Tool.run("cpio", ["-i", "--quiet", "--to-stdout", "etc/isokit/live.conf"], input: archive).stdout
            #expect(conf.contains("ISOKIT_LIVE_DIR='/live/aarch64'"), "\(conf)")
        }
    }
}
