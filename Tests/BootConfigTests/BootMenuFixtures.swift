/// Hand-written boot menus modelled on the layouts of common live media (Debian live-build, archiso/SystemRescue,
/// Ubuntu casper) and on isokit's Xen entries. Tabs, double spaces and the lack of a final newline are deliberate:
/// the byte-preservation tests need them.
enum BootMenuFixtures {
    /// Debian live-build `boot/grub/grub.cfg`.
    static let debianGrub = """
        source /boot/grub/config.cfg

        if loadfont $prefix/unicode.pf2 ; then
        \tset gfxmode=auto
        \tinsmod all_video
        \tinsmod gfxterm
        fi
        set timeout=30 ; set default=0

        # Live boot
        menuentry "Live system (amd64)" --hotkey=l {
        \tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components quiet splash findiso=${iso_path}
        \tinitrd\t/live/initrd.img-6.1.0-18-amd64
        }
        menuentry "Live system (amd64 fail-safe mode)" {
        \tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788
        \tinitrd\t/live/initrd.img-6.1.0-18-amd64
        }

        submenu 'Utilities...' --hotkey=u {
        \tsource /boot/grub/theme.cfg
        \t# Memory test, if the image has one
        \tmenuentry "UEFI Firmware Settings" --id uefi-firmware {
        \t\tfwsetup
        \t}
        \tmenuentry "Live system (amd64, serial console)" {
        \t\tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components console=ttyS0,115200n8
        \t\tinitrd\t/live/initrd.img-6.1.0-18-amd64
        \t}
        }

        """

    /// SystemRescue (archiso) `boot/grub/grub.cfg`.
    static let systemRescueGrub = """
        # Global options
        set timeout=30
        set default=0
        set fallback=1
        set pager=1

        search --no-floppy --set=root --label RESCUE1100
        set prefix=($root)/boot/grub

        insmod all_video
        # Display the menu on the serial console too
        serial --unit=0 --speed=115200
        terminal_input console serial
        terminal_output console serial

        menuentry "Boot SystemRescue using default options" --class sysresccd {
                set gfxpayload=keep
                echo 'Loading kernel ...'
                linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed
                echo 'Loading initramfs ...'
                initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/amd_ucode.img /sysresccd/boot/x86_64/sysresccd.img
        }

        menuentry "Boot SystemRescue and copy system to RAM (copytoram)" --class sysresccd {
                set gfxpayload=keep
                linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed copytoram
                initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/amd_ucode.img /sysresccd/boot/x86_64/sysresccd.img
        }

        menuentry "Boot SystemRescue with serial console (ttyS0,115200n8)" --class sysresccd {
                set gfxpayload=keep
                linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed console=tty0 console=ttyS0,115200n8
                initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/amd_ucode.img /sysresccd/boot/x86_64/sysresccd.img
        }

        menuentry "Start EFI Shell" {
                chainloader /EFI/shell/shellx64.efi
        }

        """

    /// SystemRescue `boot/grub/loopback.cfg`, read by a GRUB that looped the ISO file.
    static let systemRescueLoopback = """
        # Entries used when the ISO is booted as a file from another GRUB
        # (https://www.supergrubdisk.org/wiki/Loopback.cfg): ${iso_path} names it.
        menuentry "SystemRescue (img_loop)" {
            set gfxpayload=keep
            linux /sysresccd/boot/x86_64/vmlinuz img_dev=$imgdevpath img_loop="${iso_path}" archisobasedir=sysresccd archisolabel=RESCUE1100 copytoram
            initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/amd_ucode.img /sysresccd/boot/x86_64/sysresccd.img
        }

        menuentry "SystemRescue (img_loop, serial console)" {
            linux /sysresccd/boot/x86_64/vmlinuz img_dev=$imgdevpath img_loop="${iso_path}" archisobasedir=sysresccd archisolabel=RESCUE1100 console=ttyS0,115200
            initrd /sysresccd/boot/x86_64/sysresccd.img
        }
        """

    /// A USB stick's `grub.cfg` that boots an ISO file through its `loopback.cfg`.
    static let multibootStick = """
        set isofile="/isos/systemrescue-11.00-amd64.iso"
        probe -u $root --set=rootuuid
        set imgdevpath="/dev/disk/by-uuid/$rootuuid"
        loopback loop "${isofile}"
        set root=(loop)
        menuentry 'SystemRescue from the ISO file' --id sysresccd-iso {
        \tset iso_path="${isofile}"
        \texport iso_path imgdevpath
        \tloopback loop2 "${isofile}"
        \tset root=(loop2)
        \tconfigfile /boot/grub/loopback.cfg
        }
        menuentry "Debian live from the ISO file" {
        \tloopback loop /isos/debian-live-12.5.0-amd64-standard.iso
        \tlinux (loop)/live/vmlinuz boot=live components findiso=/isos/debian-live-12.5.0-amd64-standard.iso
        \tinitrd (loop)/live/initrd.img
        }
        """

    /// Ubuntu casper `boot/grub/grub.cfg`.
    static let casperGrub = """
        set timeout=30

        loadfont unicode

        set menu_color_normal=white/black
        set menu_color_highlight=black/light-gray

        menuentry "Try or Install Ubuntu" {
        \tset gfxpayload=keep
        \tlinux\t/casper/vmlinuz  boot=casper file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
        \tinitrd\t/casper/initrd
        }
        menuentry "Ubuntu (safe graphics)" {
        \tset gfxpayload=keep
        \tlinux\t/casper/vmlinuz  boot=casper nomodeset file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
        \tinitrd\t/casper/initrd
        }
        grub_platform
        if [ "$grub_platform" = "efi" ]; then
        menuentry 'Boot from next volume' {
        \texit 1
        }
        menuentry 'UEFI Firmware Settings' {
        \tfwsetup
        }
        fi

        """

    /// A Xen live CD's `grub.cfg`: multiboot2 entries, a saved default, and a plain Linux entry.
    static let xenGrub = """
        load_env
        if [ "${saved_entry}" ] ; then
           set default="${saved_entry}"
        fi
        set timeout=5
        menuentry 'Xen' --class xen $menuentry_id_option 'xen-default' {
        \tmultiboot2 /boot/xen/xen.gz dom0_mem=1024M,max:1024M loglvl=all
        \tmodule2 /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN console=hvc0
        \tmodule2 --nounzip /boot/x86_64/initrd.img
        }
        menuentry 'Xen, serial console (com1=115200,8n1)' --class xen {
        \tmultiboot2 /boot/xen/xen.gz com1=115200,8n1 console=com1
        \tmodule2 /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN console=hvc0
        \tmodule2 --nounzip /boot/x86_64/initrd.img
        }
        menuentry 'Linux' { linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN ; initrd /boot/x86_64/initrd.img ; }

        """

    /// Debian live-build `isolinux/isolinux.cfg`.
    static let debianIsolinux = """
        include menu.cfg
        default vesamenu.c32
        prompt 0
        timeout 0

        """

    /// Debian live-build `isolinux/menu.cfg`, with a submenu.
    static let debianMenu = """
        menu hshift 0
        menu width 82

        menu title Boot menu
        include stdmenu.cfg
        include live.cfg
        menu begin utilities
        \tmenu label ^Utilities
        \tinclude stdmenu.cfg
        \tlabel mainmenu
        \t\tmenu label ^Back..
        \t\tmenu exit
        \tlabel hdt
        \t\tmenu label ^Hardware Detection Tool (HDT)
        \t\tcom32 hdt.c32
        menu end

        menu clear

        """

    /// Debian live-build `isolinux/live.cfg`.
    static let debianLive = """
        label live-amd64
        \tmenu label ^Live system (amd64)
        \tmenu default
        \tlinux /live/vmlinuz-6.1.0-18-amd64
        \tinitrd /live/initrd.img-6.1.0-18-amd64
        \tappend boot=live components quiet splash

        label live-amd64-failsafe
        \tmenu label ^Live system (amd64 fail-safe mode)
        \tlinux /live/vmlinuz-6.1.0-18-amd64
        \tinitrd /live/initrd.img-6.1.0-18-amd64
        \tappend boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788

        """

    /// SystemRescue `sysresccd/boot/syslinux/sysresccd_sys.cfg`, upper-case keywords and help text.
    static let systemRescueSyslinux = """
        INCLUDE boot/syslinux/sysresccd_head.cfg

        LABEL sysresccd
        TEXT HELP
        Boot the SystemRescue live medium. LABEL inside help text is not a label.
        APPEND neither is this
        ENDTEXT
        MENU LABEL Boot SystemRescue using default options
        LINUX boot/x86_64/vmlinuz
        INITRD boot/intel_ucode.img,boot/amd_ucode.img,boot/x86_64/sysresccd.img
        APPEND archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed

        LABEL sysresccd_copytoram
        MENU LABEL Boot SystemRescue and copy system to RAM (copytoram)
        LINUX boot/x86_64/vmlinuz
        INITRD boot/intel_ucode.img,boot/amd_ucode.img,boot/x86_64/sysresccd.img
        APPEND archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed copytoram

        LABEL memtest
        MENU LABEL Run Memtest86+ (RAM test)
        LINUX boot/x86_64/memtest
        """

    /// SystemRescue `sysresccd/boot/syslinux/sysresccd_head.cfg`.
    static let systemRescueSyslinuxHead = """
        SERIAL 0 115200
        UI vesamenu.c32
        MENU TITLE SystemRescue 11.00
        TIMEOUT 150
        ONTIMEOUT sysresccd
        MENU CLEAR
        MENU BACKGROUND splash.png

        """

    /// An older Ubuntu casper `isolinux/txt.cfg`: `initrd=` inside `append`, a double space, `localboot`.
    static let casperTxt = """
        default live
        label live
          menu label ^Try Ubuntu without installing
          kernel /casper/vmlinuz
          append  file=/cdrom/preseed/ubuntu.seed boot=casper initrd=/casper/initrd quiet splash ---
        label memtest
          menu label Test ^memory
          kernel /install/mt86plus
        label hd
          menu label ^Boot from first hard disk
          localboot 0x80

        """

    /// A plain `syslinux.cfg` without a menu: global APPEND inherited by a label without one, CRLF line ends.
    static let plainSyslinux = "PROMPT 1\r\nTIMEOUT 50\r\nDEFAULT rescue\r\nAPPEND console=ttyS0 quiet\r\n\r\n"
        + "LABEL rescue\r\n  KERNEL /boot/vmlinuz\r\n  INITRD /boot/initrd.img\r\n\r\n"
        + "LABEL debug\r\n  KERNEL /boot/vmlinuz\r\n  APPEND initrd=/boot/initrd.img debug   loglevel=7\r\n"
}
