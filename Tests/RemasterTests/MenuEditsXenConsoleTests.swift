import BinaryIO
import BootConfig
import DiskFormats
import Foundation
import ISO9660
import Remaster
import TestSupport
import Testing

@Suite("Xen console menu entries")
struct MenuEditsXenConsoleTests {
    @Test("the tree's GRUB and isolinux menus and the ESP's grub.cfg get one hvc0 copy of their default entry, also when run twice")
    func everywhere() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            let grub = "set default=1\nmenuentry 'rescue' {\n  linux /vmlinuz single\n}\nmenuentry 'live' --id live {\n  linux /vmlinuz boot=live\n}\n"
            let isolinux = "DEFAULT live\nLABEL live\n  KERNEL /vmlinuz\n  APPEND boot=live\nLABEL hd\n  LOCALBOOT 0\n"
            try FileTree.write(["tree/boot/grub/grub.cfg": .text(grub), "tree/isolinux/isolinux.cfg": .text(isolinux)], under: directory)
            var esp = FATImageBuilder(volumeLabel: "ESP", volumeID: 7)
            try esp.addFile("EFI/BOOT/grub.cfg", contents: Array(grub.utf8))
            try esp.write(to: directory + "/tree/boot/efi.img")
            var iso = ISOWriterOptions()
            iso.bootImages = [BootImageOptions(firmware: .efi, path: "boot/efi.img")]
            _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/in.iso", options: iso)

            var options = RemasterOptions(input: directory + "/in.iso", output: directory + "/out.iso")
            options.menuEdits = MenuEdits(xenConsoleEntries: true)
            let report = try Remasterer.remaster(options)
            #expect(report.patched == [
                "/boot/efi.img", "/boot/efi.img:/EFI/BOOT/grub.cfg", "/boot/grub/grub.cfg", "/isolinux/isolinux.cfg",
            ])
            options.input = report.output
            options.output = directory + "/again.iso"
            let again = try Remasterer.remaster(options)
            #expect(again.patched.isEmpty, "a menu with the copy already is left alone")

            let image = try ISOImage(path: again.output)
            let expected = grub + "menuentry 'live (Xen console hvc0)' --id live-hvc0 {\n  linux /vmlinuz boot=live console=hvc0\n}\n"
            let tree = String(decoding: try image.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
            #expect(tree == expected)
            #expect(try GrubMenuDocument(text: tree).defaultEntry()?.title == "live")
            #expect(String(decoding: try image.contents(of: "/isolinux/isolinux.cfg"), as: UTF8.self)
                == "DEFAULT live\nLABEL live\n  KERNEL /vmlinuz\n  APPEND boot=live\nLABEL live-hvc0\n  MENU LABEL live (Xen console hvc0)\n"
                + "  KERNEL /vmlinuz\n  APPEND boot=live console=hvc0\nLABEL hd\n  LOCALBOOT 0\n")
            try Data(try image.contents(of: "/boot/efi.img")).write(to: URL(fileURLWithPath: directory + "/esp.img"))
            let volume = try FATImage(reader: ImageReader(path: directory + "/esp.img"))
            #expect(String(decoding: try volume.read("EFI/BOOT/grub.cfg"), as: UTF8.self) == expected)
            if Oracle.has("grub-script-check") || Oracle.required {
                try FileTree.write(["check.cfg": .text(tree)], under: directory)
                try await Tool.run("grub-script-check", [directory + "/check.cfg"])
            }
        }
    }
}
