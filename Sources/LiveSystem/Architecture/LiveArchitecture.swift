import ELF
import Foundation

/// A CPU architecture a live image boots on (`isokit build --arch`). Each has its own kernel, initramfs and UEFI
/// loader in the image; only x86_64 also boots from a PC BIOS.
public enum LiveArchitecture: String, Hashable, Sendable, Codable, CaseIterable {
    /// 64-bit x86 (Debian `amd64`): BIOS and UEFI.
    case x86_64
    /// 64-bit Arm (Debian `arm64`): UEFI only (AAVMF on QEMU's `virt` machine, Arm servers).
    case aarch64

    /// Debian's name for the architecture (`amd64`, `arm64`), as apt and dpkg spell it.
    public var debianName: String {
        switch self {
        case .x86_64: "amd64"
        case .aarch64: "arm64"
        }
    }

    /// The ELF `e_machine` of its programs and kernel modules.
    public var elfMachine: ELFMachine {
        switch self {
        case .x86_64: .x86_64
        case .aarch64: .aarch64
        }
    }

    /// GRUB's `$grub_cpu` on this architecture (GRUB manual §15.1 "grub_cpu").
    public var grubCPU: String {
        switch self {
        case .x86_64: "x86_64"
        case .aarch64: "arm64"
        }
    }

    /// GRUB's UEFI platform directory and `grub-mkimage -O` format (`x86_64-efi`, `arm64-efi`).
    public var grubEFIPlatform: String { grubCPU + "-efi" }

    /// The Debian package holding ``grubEFIPlatform``'s modules.
    public var grubEFIPackage: String { "grub-efi-\(debianName)-bin" }

    /// UEFI's short name for the architecture (`x64`, `aa64`; UEFI 2.10 §3.5.1.1), which shim's and GRUB's EFI file
    /// names carry too.
    public var efiName: String {
        switch self {
        case .x86_64: "x64"
        case .aarch64: "aa64"
        }
    }

    /// The removable-media loader path UEFI looks for (UEFI 2.10 §3.5.1.1, "Removable Media Boot Behavior").
    public var efiLoaderPath: String { "EFI/BOOT/BOOT\(efiName.uppercased()).EFI" }

    /// The kernel's serial console: the PC's COM1 or the Arm `virt` machine's PL011 UART.
    public var serialConsole: String {
        switch self {
        case .x86_64: "ttyS0"
        case .aarch64: "ttyAMA0"
        }
    }

    /// Whether a PC BIOS can boot it (El Torito BIOS entry, MBR boot code).
    public var bootsFromBIOS: Bool { self == .x86_64 }

    /// The directory of its kernel and initramfs in the image, without a leading slash (`boot/aarch64`).
    public var bootDirectory: String { "boot/\(rawValue)" }

    /// The architecture `isokit` itself runs on, whose host programs and kernel can be used as they are.
    public static var host: LiveArchitecture {
        #if arch(arm64)
        .aarch64
        #else
        .x86_64
        #endif
    }

    /// The architectures of a comma-separated list (`x86_64,aarch64`), in the order given, each once.
    /// - Throws: ``LiveBuildError/invalidOption(_:)`` naming an unknown architecture and listing the known ones, or
    ///   for an empty list.
    public static func list(_ text: String) throws(LiveBuildError) -> [LiveArchitecture] {
        var found: [LiveArchitecture] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = word.trimmingCharacters(in: .whitespaces)
            guard let architecture = LiveArchitecture(name: name) else {
                throw .invalidOption(
                    "unknown architecture \(String(reflecting: name)); known: "
                        + allCases.map(\.rawValue).joined(separator: ", ") + " (or amd64, arm64)")
            }
            if !found.contains(architecture) { found.append(architecture) }
        }
        return found
    }

    /// The architecture named `name`: isokit's name or Debian's (`amd64`, `arm64`).
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue == name || $0.debianName == name }) else {
            return nil
        }
        self = match
    }
}
