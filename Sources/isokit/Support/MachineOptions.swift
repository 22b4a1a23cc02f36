import ArgumentParser
import QEMU

extension Firmware: ExpressibleByArgument {}

/// How `run` and `demo` attach an image to the emulated machine.
struct MachineOptions: ParsableArguments {
    /// How the image is attached.
    enum Attachment: String, ExpressibleByArgument, CaseIterable { case cdrom, disk }

    @Option(help: ArgumentHelp("Firmware: bios (SeaBIOS), uefi (OVMF) or uefi-secure-boot (OVMF with Secure Boot on and Microsoft's keys).", valueName: "firmware"))
    var firmware: Firmware = .bios

    @Option(name: .customLong("as"), help: ArgumentHelp("Attach the image as a cdrom or a disk (USB-stick style).", valueName: "kind"))
    var attachment: Attachment = .cdrom

    /// `image` attached as chosen.
    func medium(_ image: String) -> BootMedium {
        attachment == .cdrom ? .cdrom(path: image) : .disk(path: image)
    }
}
