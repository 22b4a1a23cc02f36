extension MachineProfile {
    /// The machine model and CPU of an aarch64 machine: QEMU's generic Arm board with a Cortex-A57, which AAVMF
    /// and Debian's arm64 kernels support.
    static let aarch64Machine = ["-M", "virt", "-cpu", "cortex-a57"]

    /// The SCSI controller that carries CDs on an aarch64 machine. The `virt` board has no IDE, and AAVMF boots
    /// from a `scsi-cd` on virtio-scsi (its `VirtioScsiDxe` driver).
    static let aarch64SCSIController = ["-device", "virtio-scsi-pci,id=scsi0"]

    /// The QEMU command line of an aarch64 profile: the `virt` machine, AAVMF on two pflash devices, CDs as
    /// `scsi-cd` devices on one virtio-scsi controller and disks on virtio-blk.
    func aarch64Arguments(uefi: OVMFFirmware?) -> [String] {
        var arguments = Self.aarch64Machine + [
            "-nographic", "-display", "none", "-no-reboot", "-accel", "tcg", "-m", String(memoryMiB),
        ]
        if let uefi {
            arguments += [
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=\(Self.escaped(uefi.code))",
                "-drive", "if=pflash,format=raw,unit=1,file=\(Self.escaped(uefi.variables))",
            ]
        }
        if media.contains(where: { if case .cdrom = $0 { true } else { false } }) {
            arguments += Self.aarch64SCSIController
        }
        for (index, medium) in media.enumerated() {
            switch medium {
            case .cdrom(let path):
                arguments += [
                    "-drive", "if=none,id=cd\(index),file=\(Self.escaped(path)),format=raw,media=cdrom,readonly=on",
                    "-device", "scsi-cd,drive=cd\(index),bus=scsi0.0",
                ]
            case .disk:
                arguments += ["-drive", medium.driveOption]
            }
        }
        if let kernel { arguments += ["-kernel", kernel] }
        if let initrd { arguments += ["-initrd", initrd] }
        if let append { arguments += ["-append", append] }
        return arguments + extraArguments
    }
}
