import BootConfig

/// The live image's GRUB menu: the default entry, copy to RAM and a debug shell, all with the screen and the
/// first serial port as consoles so a headless boot is visible.
enum LiveBootMenu {
    /// Kernel consoles: the screen and COM1 (the last one is `/dev/console`, where the init writes).
    static let consoles = ["console=tty0", "console=ttyS0,115200"]

    /// The menu for an image labelled `label` whose kernel and initrd are at `kernel` and `initrd`.
    static func configuration(
        label: String, kernel: String, initrd: String, extra: [String], entries: [LiveBootEntry], timeout: Int
    ) -> GrubConfiguration {
        let base = ["isokit.label=\(label)"] + consoles
        func entry(_ title: String, _ parameters: [String]) -> GrubMenuEntry {
            GrubMenuEntry(title: title, kernel: kernel, initrds: [initrd], parameters: base + parameters + extra)
        }
        return GrubConfiguration(
            timeoutSeconds: timeout, serial: GrubSerialConsole(),
            entries: [
                entry("isokit live", ["quiet"]),
                entry("isokit live (copy to RAM)", ["quiet", "isokit.toram"]),
                entry("isokit live (debug shell)", ["isokit.debug", "isokit.break"]),
            ] + entries.map { entry($0.title, $0.parameters) })
    }
}
