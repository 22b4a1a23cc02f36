/// What to boot and how: the firmware, the attached media, memory and an optional direct kernel boot.
///
/// A profile is plain data; ``arguments(uefi:)`` turns it into a `qemu-system-x86_64` command line
/// and ``ConsoleProbe`` runs it.
public struct MachineProfile: Sendable, Hashable {
    /// The firmware to start with.
    public var firmware: Firmware
    /// The media to attach, in order. The first one decides the BIOS boot order (`-boot d` for a CD, `c` for a disk).
    public var media: [BootMedium]
    /// Guest memory in MiB (`-m`).
    public var memoryMiB: Int
    /// A kernel to boot directly (`-kernel`), bypassing the boot loader on the media.
    public var kernel: String?
    /// An initial RAM disk for ``kernel`` (`-initrd`).
    public var initrd: String?
    /// The kernel command line for ``kernel`` (`-append`).
    public var append: String?
    /// Further QEMU arguments, appended last, for example `["-smp", "2"]` or a network device.
    public var extraArguments: [String]
    /// The machine's architecture; an aarch64 machine always starts AAVMF, with Microsoft's keys and Secure Boot on
    /// for ``Firmware/uefiSecureBoot``.
    public var architecture: MachineArchitecture = .x86_64

    /// Creates a profile.
    /// - Parameters:
    ///   - firmware: The firmware to start with.
    ///   - media: The media to attach, in order.
    ///   - memoryMiB: Guest memory in MiB.
    ///   - kernel: A kernel to boot directly, if any.
    ///   - initrd: An initial RAM disk for `kernel`.
    ///   - append: The kernel command line for `kernel`.
    ///   - extraArguments: Further QEMU arguments, appended last.
    public init(
        firmware: Firmware, media: [BootMedium] = [], memoryMiB: Int = 512, kernel: String? = nil,
        initrd: String? = nil, append: String? = nil, extraArguments: [String] = []
    ) {
        self.firmware = firmware
        self.media = media
        self.memoryMiB = memoryMiB
        self.kernel = kernel
        self.initrd = initrd
        self.append = append
        self.extraArguments = extraArguments
    }

    /// The QEMU command line for this profile, without the executable (see ``MachineArchitecture/emulatorName``).
    ///
    /// The machine runs under TCG with no display and no reboot; the first serial port is on standard output, so
    /// the console (and, through SeaBIOS, the VGA text screen) can be read from the process.
    /// - Parameter uefi: The OVMF (or AAVMF) code image and a private, writable copy of its variable store
    ///   (see ``OVMFFirmware/withPrivateVariables(_:)``); used only for ``Firmware/uefi``,
    ///   ``Firmware/uefiSecureBoot`` (then a Secure Boot build, see ``OVMFFirmware/secureBootLocations``) and aarch64.
    /// - Returns: The arguments, in a stable order.
    public func arguments(uefi: OVMFFirmware? = nil) -> [String] {
        if architecture == .aarch64 { return aarch64Arguments(uefi: uefi) }
        var arguments = [
            "-nographic", "-display", "none", "-no-reboot", "-accel", "tcg", "-m", String(memoryMiB),
        ]
        switch firmware {
        case .bios:
            if let first = media.first {
                if case .cdrom = first { arguments += ["-boot", "d"] } else { arguments += ["-boot", "c"] }
            }
        case .uefi:
            if let uefi { arguments += Self.pflashDrives(uefi) }
        case .uefiSecureBoot:
            arguments += Self.secureBootMachine
            if let uefi { arguments += Self.pflashDrives(uefi) }
        }
        for medium in media { arguments += ["-drive", medium.driveOption] }
        if let kernel { arguments += ["-kernel", kernel] }
        if let initrd { arguments += ["-initrd", initrd] }
        if let append { arguments += ["-append", append] }
        return arguments + extraArguments
    }

    /// The machine a Secure Boot OVMF needs: q35 with System Management Mode, and the code flash only writable from
    /// SMM, so the OS cannot rewrite the authenticated variables (OVMF's `SMM_REQUIRE` build refuses to start
    /// otherwise). S3 is off because OVMF's SMM build does not support resuming from it.
    static let secureBootMachine = [
        "-machine", "q35,smm=on", "-global", "driver=cfi.pflash01,property=secure,value=on",
        "-global", "ICH9-LPC.disable_s3=1",
    ]

    /// The two pflash drives of an OVMF firmware: the code read-only (unit 0), the variables writable (unit 1).
    static func pflashDrives(_ uefi: OVMFFirmware) -> [String] {
        [
            "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=\(escaped(uefi.code))",
            "-drive", "if=pflash,format=raw,unit=1,file=\(escaped(uefi.variables))",
        ]
    }

    /// Doubles commas, which QEMU's option parser treats as separators.
    static func escaped(_ path: String) -> String {
        path.split(separator: ",", omittingEmptySubsequences: false).joined(separator: ",,")
    }
}
