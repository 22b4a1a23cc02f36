import BootConfig
import Foundation
import Testing
import TestSupport
import Xen

@Suite("Xen PV-GRUB menu.lst")
struct XenMenuListTests {
    @Test("one entry per kernel with an initrd, newest first; menu.lst, device.map and xl lines golden")
    func plan() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        try FileTree.write([
            "boot/vmlinuz-6.1.0-9-amd64": .text("k"), "boot/initrd.img-6.1.0-9-amd64": .text("i"),
            "boot/vmlinuz-6.1.0-18-amd64": .text("k"), "boot/initrd.img-6.1.0-18-amd64": .text("i"),
            "boot/vmlinuz-5.10.0-1-amd64": .text("no initrd beside it"), "boot/config-6.1.0-18-amd64": .text(""),
        ], under: scratch.path)
        let list = try XenMenuList.plan(bootDirectory: scratch.path("boot"), rootDevice: "/dev/xvda2", parameters: ["quiet"])
        #expect(list.menu.entries.map(\.title) == ["Linux 6.1.0-18-amd64", "Linux 6.1.0-9-amd64"])
        #expect(try list.write() == [scratch.path("boot/grub/menu.lst"), scratch.path("boot/grub/device.map")])
        let menu = try String(contentsOfFile: scratch.path("boot/grub/menu.lst"), encoding: .utf8)
        try Golden.check(menu, against: "menu.lst")
        #expect(try PVGrubMenu(text: menu) == list.menu)
        #expect(try String(contentsOfFile: scratch.path("boot/grub/device.map"), encoding: .utf8) == "(hd0)\t/dev/xvda\n")
        #expect(list.xlSettings.render() == "kernel = '/usr/lib/xen/boot/pv-grub-x86_64.gz'\nextra = '(hd0,1)/boot/grub/menu.lst'\n")
    }

    @Test("a whole-disk root is (hd0); a second disk is hd1")
    func devices() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        try FileTree.write(["vmlinuz-1": .text("k"), "initrd.img-1": .text("i")], under: scratch.path)
        #expect(try XenMenuList.plan(bootDirectory: scratch.path, rootDevice: "/dev/xvda").extra == "(hd0)/boot/grub/menu.lst")
        #expect(try XenMenuList.plan(bootDirectory: scratch.path, rootDevice: "/dev/xvdb1").menu.entries[0].root == "(hd1,0)")
        #expect(throws: XenError.invalidOption("--root-device /dev/mapper/root: expected /dev/xvdXN (or sdXN, hdXN, vdXN)")) {
            try XenMenuList.plan(bootDirectory: scratch.path, rootDevice: "/dev/mapper/root")
        }
    }

    @Test("a directory without kernels")
    func noKernels() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        #expect(throws: XenError.noKernels(directory: scratch.path)) { try XenMenuList.plan(bootDirectory: scratch.path) }
    }
}
