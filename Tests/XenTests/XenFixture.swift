import Foundation
import ISO9660
import Testing
import TestSupport

/// Small ISOs laid out like real live images (menus in their real style, dummy kernels and initrds, empty
/// squashfs stand-ins), written with ``ISOCreator`` at test time.
enum XenFixture {
    /// A fixture: its name and tree.
    struct Layout: Sendable, CustomTestStringConvertible {
        var name: String
        var tree: [String: FileTree.Node]
        var testDescription: String { name }
    }

    /// isokit's own image, with the grub.cfg `isokit build` writes.
    static let isokit = Layout(name: "isokit", tree: [
        "boot/grub/grub.cfg": .text("""
            serial --unit=0 --speed=115200
            terminal_input console serial
            terminal_output console serial

            set default=0
            set timeout=5

            menuentry 'isokit live' {
                linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_TEST console=tty0 console=ttyS0,115200 quiet
                initrd /boot/x86_64/initrd.img
            }

            menuentry 'isokit live (copy to RAM)' {
                linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_TEST console=tty0 console=ttyS0,115200 quiet isokit.toram
                initrd /boot/x86_64/initrd.img
            }

            """),
        "boot/x86_64/vmlinuz": .text("isokit kernel\n"),
        "boot/x86_64/initrd.img": .text("isokit initrd\n"),
        "live/layers.list": .text("00-base.squashfs\n"),
        "live/00-base.squashfs": .text("squashfs stand-in\n"),
    ])

    /// SystemRescue 11: GRUB menu with microcode initrds before the main one, archiso layout under `/sysresccd`.
    static let systemRescue = Layout(name: "systemrescue", tree: [
        "boot/grub/grub.cfg": .text("""
            set default=0
            set timeout=30
            insmod all_video
            search --no-floppy --set=root --label RESCUE1100

            menuentry "Boot SystemRescue using default options" {
                    set gfxpayload=keep
                    linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed
                    initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/amd_ucode.img /sysresccd/boot/x86_64/sysresccd.img
            }

            menuentry "Boot SystemRescue and copy system to RAM (copytoram)" {
                    set gfxpayload=keep
                    linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed copytoram
                    initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/amd_ucode.img /sysresccd/boot/x86_64/sysresccd.img
            }

            """),
        "sysresccd/boot/x86_64/vmlinuz": .text("sysresccd kernel\n"),
        "sysresccd/boot/intel_ucode.img": .text("intel ucode\n"),
        "sysresccd/boot/amd_ucode.img": .text("amd ucode\n"),
        "sysresccd/boot/x86_64/sysresccd.img": .text("sysresccd initramfs\n"),
        "sysresccd/x86_64/airootfs.sfs": .text("squashfs stand-in\n"),
    ])

    /// Arch Linux: syslinux menus only (BIOS), `archisobasedir=arch`.
    static let archiso = Layout(name: "archiso", tree: [
        "syslinux/syslinux.cfg": .text("""
            DEFAULT select

            LABEL select
            COM32 whichsys.c32
            APPEND -pxe- pxe -sys- sys -iso- sys

            """),
        "syslinux/archiso_sys-linux.cfg": .text("""
            LABEL arch64
            TEXT HELP
            Boot the Arch Linux install medium on BIOS.
            ENDTEXT
            MENU LABEL Arch Linux install medium (x86_64, BIOS)
            LINUX /arch/boot/x86_64/vmlinuz-linux
            INITRD /arch/boot/x86_64/initramfs-linux.img
            APPEND archisobasedir=arch archisolabel=ARCH_202311

            """),
        "arch/boot/x86_64/vmlinuz-linux": .text("arch kernel\n"),
        "arch/boot/x86_64/initramfs-linux.img": .text("arch initramfs\n"),
        "arch/x86_64/airootfs.sfs": .text("squashfs stand-in\n"),
    ])

    /// Debian live (live-build): GRUB entry with `findiso=${iso_path}` and a splash.
    static let debianLive = Layout(name: "debian-live", tree: [
        "boot/grub/grub.cfg": .text("""
            source /boot/grub/config.cfg

            # Live boot
            menuentry "Live system (amd64)" --hotkey=l {
            \tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components quiet splash findiso=${iso_path}
            \tinitrd\t/live/initrd.img-6.1.0-18-amd64
            }
            menuentry "Live system (amd64 fail-safe mode)" {
            \tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788
            \tinitrd\t/live/initrd.img-6.1.0-18-amd64
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
        "live/vmlinuz-6.1.0-18-amd64": .text("debian kernel\n"),
        "live/initrd.img-6.1.0-18-amd64": .text("debian initrd\n"),
        "live/filesystem.squashfs": .text("squashfs stand-in\n"),
    ])

    /// Ubuntu 22.04 desktop (casper): the `---` separator and a preseed file.
    static let casper = Layout(name: "casper", tree: [
        "boot/grub/grub.cfg": .text("""
            set timeout=30

            loadfont unicode

            set menu_color_normal=white/black
            set menu_color_highlight=black/light-gray

            menuentry "Try or Install Ubuntu" {
            \tset gfxpayload=keep
            \tlinux\t/casper/vmlinuz  file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
            \tinitrd\t/casper/initrd
            }
            menuentry "Ubuntu (safe graphics)" {
            \tset gfxpayload=keep
            \tlinux\t/casper/vmlinuz  nomodeset file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
            \tinitrd\t/casper/initrd
            }

            """),
        "casper/vmlinuz": .text("ubuntu kernel\n"),
        "casper/initrd": .text("ubuntu initrd\n"),
        "casper/filesystem.squashfs": .text("squashfs stand-in\n"),
    ])

    /// All layouts with golden xl.cfg files.
    static let families = [isokit, systemRescue, archiso, debianLive, casper]

    /// Writes `layout` under `directory/NAME/` and creates `directory/NAME.iso` from it.
    /// - Returns: The image's path.
    static func image(_ layout: Layout, in directory: String) throws -> String {
        let tree = directory + "/" + layout.name
        try FileTree.write(layout.tree, under: tree, modificationTime: 1_700_000_000)
        var options = ISOWriterOptions()
        options.volumeID = layout.name.uppercased()
        options.sourceDateEpoch = 1_700_000_000
        let output = directory + "/" + layout.name + ".iso"
        _ = try ISOCreator.create(from: tree, to: output, options: options)
        return output
    }
}
