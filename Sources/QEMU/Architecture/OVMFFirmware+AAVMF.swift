extension OVMFFirmware {
    /// Where distributions install AAVMF (EDK II for AArch64's `virt` machine) without Secure Boot: Debian and
    /// Ubuntu's qemu-efi-aarch64 (64 MiB images, as QEMU's pflash needs them), Fedora's edk2-aarch64 and Arch's
    /// edk2-aarch64.
    public static let aavmfLocations: [OVMFFirmware] = [
        OVMFFirmware(code: "/usr/share/AAVMF/AAVMF_CODE.fd", variables: "/usr/share/AAVMF/AAVMF_VARS.fd"),
        OVMFFirmware(code: "/usr/share/edk2/aarch64/QEMU_EFI-pflash.raw", variables: "/usr/share/edk2/aarch64/vars-template-pflash.raw"),
        OVMFFirmware(code: "/usr/share/edk2/aarch64/QEMU_CODE.fd", variables: "/usr/share/edk2/aarch64/QEMU_VARS.fd"),
    ]

    /// Where distributions install AAVMF with a variable store that has Microsoft's keys enrolled (PK, KEK, db with
    /// the Microsoft UEFI CA that signs shim) and Secure Boot turned on: Debian and Ubuntu's qemu-efi-aarch64. Arm
    /// has no SMM; the `virt` machine's flash is not protected from the OS, which does not matter for a test.
    public static let aavmfSecureBootLocations: [OVMFFirmware] = [
        OVMFFirmware(code: "/usr/share/AAVMF/AAVMF_CODE.ms.fd", variables: "/usr/share/AAVMF/AAVMF_VARS.ms.fd"),
    ]
}
