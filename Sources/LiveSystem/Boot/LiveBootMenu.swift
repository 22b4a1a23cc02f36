import BootConfig

/// The live image's GRUB menu: the default entry, copy to RAM and a debug shell, all with the screen and the
/// first serial port as consoles so a headless boot is visible. A Xen live CD puts three Xen entries first.
enum LiveBootMenu {
    /// Kernel consoles: the screen and COM1 (the last one is `/dev/console`, where the init writes).
    static let consoles = ["console=tty0", "console=ttyS0,115200"]

    /// Where the Xen hypervisor goes in the image.
    static let hypervisorPath = "/" + LiveXenBoot.hypervisorPath
    /// Xen's COM1 settings; with them Xen owns the port and forwards dom0's `hvc0` to it.
    static let xenSerial = "com1=115200,8n1"
    /// Xen options of the safe mode entry (Xen 4.17 `docs/misc/xen-command-line.pandoc`): one CPU, no reboot on
    /// a crash so the message stays readable, no power management and no IOMMU. Not `noapic`: Xen 4.17 then reads
    /// the MP table and, under QEMU, takes a page fault in `get_smp_config` before it starts dom0.
    static let xenSafeMode = ["nosmp", "noreboot", "cpuidle=no", "cpufreq=none", "iommu=off"]

    /// The menu for an image labelled `label` whose kernel and initrd are at `kernel` and `initrd`; with `xen`,
    /// the Xen entries come first and "Xen" is the default. `consoles` are the kernel's; `serial` turns on GRUB's
    /// own serial terminal (the PC's COM1; on Arm the firmware's console already is the serial port).
    static func configuration(
        label: String, kernel: String, initrd: String, extra: [String], entries: [LiveBootEntry], timeout: Int,
        xen: LiveXenOptions? = nil, consoles: [String] = consoles, serial: Bool = true
    ) -> GrubConfiguration {
        let base = ["isokit.label=\(label)"] + consoles
        func entry(_ title: String, _ parameters: [String]) -> GrubMenuEntry {
            GrubMenuEntry(title: title, kernel: kernel, initrds: [initrd], parameters: base + parameters + extra)
        }
        func xenEntry(_ title: String, xen words: [String], dom0 parameters: [String]) -> GrubMenuEntry {
            GrubMenuEntry(
                title: title, kernel: kernel, initrds: [initrd],
                parameters: ["isokit.label=\(label)"] + parameters + extra,
                hypervisor: GrubHypervisor(path: hypervisorPath, parameters: words))
        }
        var xenEntries: [GrubMenuEntry] = []
        if let xen {
            // Under Xen the serial port is Xen's: dom0 writes to hvc0, which Xen copies to COM1 (and the screen).
            let both = xen.options + [xenSerial, "console=com1,vga"]
            xenEntries = [
                xenEntry("Xen", xen: both, dom0: ["console=tty0", "console=hvc0"]),
                xenEntry("Xen, serial console (\(xenSerial))", xen: xen.options + [xenSerial, "console=com1"], dom0: ["console=hvc0"]),
                xenEntry(
                    "Xen safe mode (\(xenSafeMode.prefix(2).joined(separator: " ")) …)", xen: both + xenSafeMode,
                    dom0: ["console=tty0", "console=hvc0"]),
            ]
        }
        return GrubConfiguration(
            timeoutSeconds: timeout, serial: serial ? GrubSerialConsole() : nil,
            entries: xenEntries + [
                entry("isokit live", ["quiet"]),
                entry("isokit live (copy to RAM)", ["quiet", "isokit.toram"]),
                entry("isokit live (debug shell)", ["isokit.debug", "isokit.break"]),
            ] + entries.map { entry($0.title, $0.parameters) })
    }
}
