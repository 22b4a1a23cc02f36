import ArgumentParser

/// `isokit xen`: Xen guests from live ISOs, and PV-GRUB menus.
struct XenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xen",
        abstract: "Make Xen PV/PVH guests from live ISOs, and legacy PV-GRUB menus.",
        discussion: """
            Example: isokit xen guest rescue.iso -o /etc/xen/guests --memory 512 --vif bridge=xenbr0
                     isokit xen menu-lst /mnt/guest/boot --root-device /dev/xvda1
            isokit writes files only; it never runs xl. Start a guest on a Xen host with `xl create NAME.cfg`.
            """,
        subcommands: [XenGuestCommand.self, XenMenuListCommand.self])
}
