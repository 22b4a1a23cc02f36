import BootConfig
import Compression
import Foundation
import ISO9660
import LiveSystem
import TestSupport
import Testing

/// `isokit build --xen`: the image carries the hypervisor, a menu GRUB and our reader agree on, a generic kernel
/// and the dom0 modules.
@Suite("Xen live CD build", .serialized)
struct XenLiveCDTests {
    @Test(
        "the rescue default as a Xen live CD: xen.gz at /boot/xen, the golden menu, the generic kernel, dom0 modules",
        .enabled(if: XenLiveFixture.dom0KernelAvailable, "needs the generic kernel in isokit's cache (scripts/setup)"),
        .enabled(if: Oracle.required || HostPath.isReadableFile(LiveXenOptions.defaultHypervisor), "needs xen-hypervisor-4.17-amd64"),
        .oracles("xorriso", "grub-script-check", "cpio", "unsquashfs"))
    func rescue() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-live") { directory in
            let report = try await LiveBuilder.build(XenLiveFixture.options(in: directory))
            #expect(KernelFlavour.generic.matches(release: report.kernel.release), "\(report.kernel)")
            #expect(Array(report.bootEntries.prefix(3)) == [
                "Xen", "Xen, serial console (com1=115200,8n1)", "Xen safe mode (nosmp noreboot …)",
            ])

            let iso = try ISOImage(path: report.output)
            let hypervisor = try iso.contents(of: "/boot/xen/xen.gz", limitBytes: 64 << 20)
            #expect(hypervisor == Array(try Data(contentsOf: URL(fileURLWithPath: LiveXenOptions.defaultHypervisor))))
            let menu = String(decoding: try iso.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
            try Golden.check(menu, against: "xen-live.grub.cfg")
            #expect(try GrubMenuDocument(text: menu).defaultEntry()?.hypervisor == "/boot/xen/xen.gz")
            try FileTree.write(["grub.cfg": .text(menu)], under: directory)
            try await Tool.run("grub-script-check", [directory + "/grub.cfg"])
            let manifest = String(decoding: try iso.contents(of: "/live/manifest.json"), as: UTF8.self)
            #expect(manifest.contains(#""path" : "/boot/xen/xen.gz""#), "\(manifest)")

            let found = try await Tool.run("xorriso", ["-indev", report.output, "-find", "/boot/xen", "-type", "f"]).stdout
            #expect(found.contains("'/boot/xen/xen.gz'"), "\(found)")
            let torito = try await Tool.run("xorriso", ["-indev", report.output, "-report_el_torito", "plain"]).stdout
            #expect(torito.contains("El Torito boot img :   1  BIOS  y") && torito.contains("El Torito boot img :   2  UEFI  y"))
            // x86_64-efi core images keep their modules uncompressed, so the module's name is in the loader.
            let loader = try iso.contents(of: "/EFI/BOOT/BOOTX64.EFI", limitBytes: 16 << 20)
            #expect(String(decoding: loader, as: UTF8.self).contains("multiboot2"))

            let packed = try iso.contents(of: "/boot/x86_64/initrd.img", limitBytes: 256 << 20)
            let archive = try Decompressor(format: CompressionFormat(detecting: packed)).decompress(packed)
            let members = try await Tool.run("cpio", ["-t", "--quiet"], input: archive).stdout
            for module in ["xen-evtchn.ko", "xenfs.ko", "xen-privcmd.ko", "xen-gntdev.ko", "xen-blkback.ko", "xen-netback.ko"] {
                #expect(members.contains("/" + module), "\(module) missing from the initramfs")
            }

            // The toolstack: programs with their libraries in the programs layer, the start and hotplug scripts in
            // the base layer.
            #expect(report.addedFiles.map(\.targetPath).contains("/usr/lib/xen-4.17/bin/xl"))
            for (layer, paths) in [
                ("80-programs", ["/usr/lib/xen-4.17/bin/xenstored", "/usr/lib/xen-4.17/bin/xenconsoled", "/usr/bin/xenstore"]),
                ("00-base", ["/lib/isokit/xen-dom0", "/etc/xen/scripts/block", "/usr/sbin/xl", "/usr/bin/xenstore-read"]),
            ] {
                let file = "\(directory)/\(layer).squashfs"
                try Data(try iso.contents(of: "/live/\(layer).squashfs", limitBytes: 128 << 20)).write(to: URL(fileURLWithPath: file))
                let listing = try await Tool.run("unsquashfs", ["-l", "-d", "", file]).stdout
                for path in paths { #expect(listing.contains("\n\(path)\n"), "\(path) missing from \(layer)") }
            }
        }
    }

    @Test("a rescue dom0 without xen-utils on the build host is a clear error before any work")
    func missingToolstack() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-live") { directory in
            var options = XenLiveFixture.options(in: directory)
            options.programRoot = directory + "/empty-host"
            let error = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            #expect(error == .badInput(
                path: "/usr/lib/xen-4.17/bin/xl",
                reason: "Xen's toolstack is missing (install xen-utils-4.17, or build with --no-xen-toolstack)"))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(left.isEmpty, "leftovers: \(left)")
        }
    }

    @Test("a missing hypervisor is a clear error before any work, and nothing is left behind")
    func missingHypervisor() async throws {
        try await withTemporaryDirectory(prefix: "isokit-xen-live") { directory in
            var options = XenLiveFixture.options(in: directory)
            options.xen?.hypervisor = directory + "/no/xen.gz"
            let error = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            #expect(error == .badInput(
                path: directory + "/no/xen.gz",
                reason: "no Xen hypervisor here (install xen-hypervisor-4.17-amd64, or give --xen-hypervisor PATH)"))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(left.isEmpty, "leftovers: \(left)")
        }
    }

    @Test(
        "--kernel naming the cloud kernel (no CONFIG_XEN_DOM0) is refused with the reason",
        .kernelModules, .enabled(if: Oracle.required || HostPath.isReadableFile(LiveXenOptions.defaultHypervisor), "needs Xen"))
    func cloudKernelRefused() async throws {
        let cloud = try KernelLocator(hostRoot: "/nonexistent").locate()
        try await withTemporaryDirectory(prefix: "isokit-xen-live") { directory in
            var options = XenLiveFixture.options(in: directory)
            options.kernel = cloud.image
            options.modules = cloud.modulesDirectory
            let error = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(options) }
            let text = error.map { "\($0)" } ?? ""
            #expect(text.contains(cloud.image) && text.contains("CONFIG_XEN_DOM0"), "\(text)")
        }
    }
}
