/// The CPU architecture of an emulated machine, which decides the emulator, the machine model and the firmware.
public enum MachineArchitecture: String, Sendable, Codable, CaseIterable {
    /// A PC (`qemu-system-x86_64`, QEMU's default i440FX machine) with SeaBIOS or OVMF.
    case x86_64
    /// An Arm server-like machine (`qemu-system-aarch64 -M virt -cpu cortex-a57`) with AAVMF, EDK II for Arm; it
    /// has no BIOS, so it always starts UEFI.
    case aarch64

    /// The emulator's executable name.
    public var emulatorName: String {
        switch self {
        case .x86_64: "qemu-system-x86_64"
        case .aarch64: "qemu-system-aarch64"
        }
    }

    /// The Debian package that installs ``emulatorName``.
    public var emulatorPackage: String {
        switch self {
        case .x86_64: "qemu-system-x86"
        case .aarch64: "qemu-system-arm"
        }
    }

    /// Where the UEFI firmware of this architecture is looked for, most likely first.
    public var uefiFirmwareLocations: [OVMFFirmware] {
        switch self {
        case .x86_64: OVMFFirmware.knownLocations
        case .aarch64: OVMFFirmware.aavmfLocations
        }
    }

    /// Where the UEFI firmware of this architecture for `firmware` is looked for, most likely first: for
    /// ``Firmware/uefiSecureBoot`` a build with Microsoft's keys enrolled and Secure Boot on
    /// (``OVMFFirmware/secureBootLocations``, ``OVMFFirmware/aavmfSecureBootLocations``), else
    /// ``uefiFirmwareLocations``. An aarch64 machine starts AAVMF for ``Firmware/bios`` too.
    /// - Parameter firmware: The profile's firmware.
    /// - Returns: The code and variable store pairs to try, in order (see ``OVMFFirmware/locate(in:)``).
    public func uefiFirmwareLocations(for firmware: Firmware) -> [OVMFFirmware] {
        switch self {
        case .x86_64: OVMFFirmware.candidates(for: firmware)
        case .aarch64: firmware == .uefiSecureBoot ? OVMFFirmware.aavmfSecureBootLocations : OVMFFirmware.aavmfLocations
        }
    }
}
