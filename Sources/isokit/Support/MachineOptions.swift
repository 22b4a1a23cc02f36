import ArgumentParser
import QEMU

extension Firmware: ExpressibleByArgument {}
extension MachineArchitecture: ExpressibleByArgument {}

/// How `run` and `demo` attach an image to the emulated machine.
struct MachineOptions: ParsableArguments {
    /// How the image is attached.
    enum Attachment: String, ExpressibleByArgument, CaseIterable { case cdrom, disk }

    @Option(help: ArgumentHelp("Firmware: bios (SeaBIOS), uefi (OVMF) or uefi-secure-boot (OVMF, or AAVMF on aarch64, with Secure Boot on and Microsoft's keys).", valueName: "firmware"))
    var firmware: Firmware = .bios

    @Option(name: .customLong("as"), help: ArgumentHelp("Attach the image as a cdrom or a disk (USB-stick style).", valueName: "kind"))
    var attachment: Attachment = .cdrom

    @Option(help: ArgumentHelp(
        "Machine: x86_64 (a PC) or aarch64 (qemu-system-aarch64 -M virt with AAVMF; always UEFI).", valueName: "arch"))
    var arch: MachineArchitecture = .x86_64

    /// `image` attached as chosen.
    func medium(_ image: String) -> BootMedium {
        attachment == .cdrom ? .cdrom(path: image) : .disk(path: image)
    }

    /// A profile booting `image` as chosen, on the chosen machine.
    func profile(
        _ image: String, memoryMiB: Int, kernel: String? = nil, initrd: String? = nil, append: String? = nil
    ) -> MachineProfile {
        var profile = MachineProfile(
            firmware: firmware, media: [medium(image)], memoryMiB: memoryMiB, kernel: kernel, initrd: initrd,
            append: append)
        profile.architecture = arch
        return profile
    }
}
