import Foundation
import ISO9660
import TestSupport

/// Small synthetic ISOs of each live family, with real-style menus and dummy kernels, written with ISOCreator.
enum NetbootFixtures {
    /// Files of an isokit image: GRUB menu like `isokit build` writes, layers listed in `live/layers.list`.
    static let isokit: [String: FileTree.Node] = [
        "boot/grub/grub.cfg": .text("""
            set timeout=5
            menuentry "isokit live" --id isokit-live {
                linux /boot/vmlinuz isokit.label=ISOKIT console=tty0 console=ttyS0,115200 quiet
                initrd /boot/initrd.img
            }
            menuentry "isokit live (copy to RAM)" {
                linux /boot/vmlinuz isokit.label=ISOKIT console=ttyS0,115200 quiet isokit.toram
                initrd /boot/initrd.img
            }

            """),
        "boot/vmlinuz": .text("kernel"), "boot/initrd.img": .text("initrd"),
        "live/layers.list": .text("00-base.squashfs\n"), "live/00-base.squashfs": .text("squashfs"),
    ]

    /// Files of a Debian live image: GRUB and isolinux menus naming the same kernel.
    static let debianLive: [String: FileTree.Node] = [
        "boot/grub/grub.cfg": .text("""
            menuentry "Live system (amd64)" --hotkey=l {
                linux   /live/vmlinuz-6.1.0-18-amd64 boot=live components quiet splash
                initrd  /live/initrd.img-6.1.0-18-amd64
            }
            menuentry "Live system (amd64 fail-safe mode)" {
                linux   /live/vmlinuz-6.1.0-18-amd64 boot=live components memtest noapic noapm nodma nomce nosmp nosplash vga=788
                initrd  /live/initrd.img-6.1.0-18-amd64
            }

            """),
        "isolinux/live.cfg": .text("""
            label live-amd64
            \tmenu label ^Live system (amd64)
            \tmenu default
            \tlinux /live/vmlinuz-6.1.0-18-amd64
            \tinitrd /live/initrd.img-6.1.0-18-amd64
            \tappend boot=live components quiet splash

            """),
        "live/vmlinuz-6.1.0-18-amd64": .text("kernel"), "live/initrd.img-6.1.0-18-amd64": .text("initrd"),
        "live/filesystem.squashfs": .text("squashfs"),
    ]

    /// Files of an archiso image: syslinux menu with microcode initrds, `arch/x86_64/airootfs.sfs`.
    static let archiso: [String: FileTree.Node] = [
        "syslinux/archiso_sys-linux.cfg": .text("""
            LABEL arch64
            TEXT HELP
            Boot the Arch Linux install medium on BIOS.
            ENDTEXT
            MENU LABEL Arch Linux install medium (x86_64, BIOS)
            LINUX /arch/boot/x86_64/vmlinuz-linux
            INITRD /arch/boot/intel-ucode.img,/arch/boot/amd-ucode.img,/arch/boot/x86_64/initramfs-linux.img
            APPEND archisobasedir=arch archisosearchuuid=2024-05-01-10-00-00-00

            """),
        "arch/boot/x86_64/vmlinuz-linux": .text("kernel"), "arch/boot/x86_64/initramfs-linux.img": .text("initrd"),
        "arch/boot/intel-ucode.img": .text("ucode"), "arch/boot/amd-ucode.img": .text("ucode"),
        "arch/x86_64/airootfs.sfs": .text("squashfs"),
    ]

    /// Files of an Ubuntu (casper) image.
    static let casper: [String: FileTree.Node] = [
        "boot/grub/grub.cfg": .text("""
            set timeout=30
            menuentry "Try or Install Ubuntu" {
                set gfxpayload=keep
                linux   /casper/vmlinuz  --- quiet splash
                initrd  /casper/initrd
            }

            """),
        "casper/vmlinuz": .text("kernel"), "casper/initrd": .text("initrd"),
        "casper/filesystem.squashfs": .text("squashfs"),
    ]

    /// An ISO of no live family.
    static let plain: [String: FileTree.Node] = ["README.TXT": .text("just data\n")]

    /// Writes `files` as `directory/name` with ISOCreator (Rock Ridge, fixed time).
    @discardableResult
    static func iso(_ files: [String: FileTree.Node], named name: String, in directory: String) throws -> String {
        let tree = directory + "/tree-" + name
        try FileTree.write(files, under: tree, modificationTime: 1_700_000_000)
        var options = ISOWriterOptions()
        options.sourceDateEpoch = 1_700_000_000
        let output = directory + "/isos/" + name
        try FileManager.default.createDirectory(atPath: directory + "/isos", withIntermediateDirectories: true)
        _ = try ISOCreator.create(from: tree, to: output, options: options)
        return output
    }

    /// A folder `directory/isos` with one ISO per family and a plain one; returns the folder.
    static func folder(in directory: String) throws -> String {
        try iso(isokit, named: "isokit live.iso", in: directory)
        try iso(debianLive, named: "debian-live.iso", in: directory)
        try iso(archiso, named: "archlinux.iso", in: directory)
        try iso(casper, named: "ubuntu.iso", in: directory)
        try iso(plain, named: "plain.iso", in: directory)
        return directory + "/isos"
    }
}
