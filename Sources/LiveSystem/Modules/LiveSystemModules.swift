/// The kernel modules a live system's initramfs loads to find its medium, mount its layers and reach the network.
///
/// Names are module names (either spelling of `-`/`_`) or plain aliases: `iso9660` is `isofs`'s alias. Only
/// ``mandatory`` names are required; a kernel that builds a driver in, or lacks it, is fine for the rest.
public enum LiveSystemModules {
    /// The groups, in the order their modules are loaded.
    public static let groups: [KernelModuleGroup] = [
        KernelModuleGroup(
            name: "cdrom", ifAvailable: ["cdrom", "sr_mod", "ata_piix", "ata_generic", "pata_acpi", "ahci"]),
        KernelModuleGroup(
            name: "scsi-usb-storage",
            ifAvailable: ["sd_mod", "usb_storage", "uas", "xhci_pci", "ehci_pci", "ohci_pci", "uhci_hcd"]),
        KernelModuleGroup(name: "virtio", ifAvailable: ["virtio_pci", "virtio_mmio", "virtio_blk", "virtio_scsi"]),
        KernelModuleGroup(name: "xen", ifAvailable: ["xen_blkfront", "xen_netfront"]),
        KernelModuleGroup(name: "nvme", ifAvailable: ["nvme"]),
        KernelModuleGroup(
            name: "filesystems", mandatory: ["iso9660"],
            ifAvailable: ["vfat", "nls_cp437", "nls_iso8859_1", "nls_utf8", "nls_ascii", "ext4"]),
        KernelModuleGroup(name: "layers", mandatory: ["squashfs", "overlay", "loop"]),
        KernelModuleGroup(name: "network", ifAvailable: ["af_packet", "virtio_net", "e1000", "e1000e", "xen_netfront", "vmxnet3"]),
        KernelModuleGroup(name: "memdisk", ifAvailable: ["phram", "mtdblock"]),
    ]

    /// The names the live system cannot boot without: squashfs, overlay, iso9660 and loop.
    public static var mandatory: [String] { groups.flatMap(\.mandatory) }

    /// Every other name, in group order.
    public static var ifAvailable: [String] { groups.flatMap(\.ifAvailable) }
}
