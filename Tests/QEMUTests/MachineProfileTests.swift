import Testing
import TestSupport

@testable import QEMU

@Suite("MachineProfile")
struct MachineProfileTests {
    static let firmware = OVMFFirmware(code: "/usr/share/OVMF/OVMF_CODE_4M.fd", variables: "/tmp/run/OVMF_VARS_4M.fd")

    @Test("renders the QEMU command line", arguments: [
        ("bios-cdrom.args", MachineProfile(firmware: .bios, media: [.cdrom(path: "/images/live.iso")])),
        ("bios-disk.args", MachineProfile(firmware: .bios, media: [.disk(path: "/images/usb.img")], memoryMiB: 1024)),
        ("uefi-cdrom-disk.args", MachineProfile(
            firmware: .uefi, media: [.cdrom(path: "/images/live.iso"), .disk(path: "/images/usb.img")])),
        ("bios-kernel.args", MachineProfile(
            firmware: .bios, kernel: "/boot/vmlinuz", initrd: "/boot/initrd.img", append: "console=ttyS0 quiet",
            extraArguments: ["-smp", "2"])),
        ("uefi-secure-boot-cdrom.args", MachineProfile(
            firmware: .uefiSecureBoot, media: [.cdrom(path: "/images/live.iso")], memoryMiB: 1024)),
    ])
    func arguments(golden: String, profile: MachineProfile) throws {
        let rendered = profile.arguments(uefi: Self.firmware).joined(separator: "\n") + "\n"
        try Golden.check(rendered, against: golden)
    }

    static let aavmf = OVMFFirmware(code: "/usr/share/AAVMF/AAVMF_CODE.fd", variables: "/tmp/run/AAVMF_VARS.fd")

    /// `profile` as an aarch64 machine.
    static func aarch64(_ profile: MachineProfile) -> MachineProfile {
        var profile = profile
        profile.architecture = .aarch64
        return profile
    }

    @Test("renders the aarch64 command line: virt, cortex-a57, AAVMF pflash, CDs on virtio-scsi", arguments: [
        ("aarch64-cdrom.args", aarch64(MachineProfile(firmware: .uefi, media: [.cdrom(path: "/images/live.iso")]))),
        ("aarch64-cdrom-disk.args", aarch64(MachineProfile(
            firmware: .uefi, media: [.cdrom(path: "/images/a,b.iso"), .disk(path: "/images/usb.img"), .cdrom(path: "/images/two.iso")],
            memoryMiB: 1024, extraArguments: ["-smp", "2"]))),
    ])
    func aarch64Arguments(golden: String, profile: MachineProfile) throws {
        let rendered = profile.arguments(uefi: Self.aavmf).joined(separator: "\n") + "\n"
        try Golden.check(rendered, against: golden)
    }

    @Test("an aarch64 machine has no BIOS: the firmware setting does not change its command line")
    func aarch64IgnoresBIOS() {
        let media = [BootMedium.disk(path: "/images/usb.img")]
        let bios = Self.aarch64(MachineProfile(firmware: .bios, media: media)).arguments(uefi: Self.aavmf)
        #expect(bios == Self.aarch64(MachineProfile(firmware: .uefi, media: media)).arguments(uefi: Self.aavmf))
        #expect(!bios.contains("-boot"))
        #expect(!bios.contains("-device"), "no SCSI controller without a CD")
    }

    @Test("aarch64 Secure Boot: AAVMF with Microsoft's keys (the .ms variable store), on the same virt machine, no SMM or q35")
    func aarch64SecureBoot() {
        let media = [BootMedium.cdrom(path: "/images/live.iso")]
        let secure = Self.aarch64(MachineProfile(firmware: .uefiSecureBoot, media: media)).arguments(uefi: Self.aavmf)
        #expect(secure == Self.aarch64(MachineProfile(firmware: .uefi, media: media)).arguments(uefi: Self.aavmf))
        #expect(!secure.contains("-machine") && !secure.contains("-global"))
        let candidates = MachineArchitecture.aarch64.uefiFirmwareLocations(for: .uefiSecureBoot)
        #expect(candidates == OVMFFirmware.aavmfSecureBootLocations)
        #expect(candidates.first?.code == "/usr/share/AAVMF/AAVMF_CODE.ms.fd")
        #expect(candidates.first?.variables == "/usr/share/AAVMF/AAVMF_VARS.ms.fd")
        for firmware in [Firmware.bios, .uefi] {
            #expect(MachineArchitecture.aarch64.uefiFirmwareLocations(for: firmware) == OVMFFirmware.aavmfLocations)
        }
        for firmware in Firmware.allCases {
            #expect(MachineArchitecture.x86_64.uefiFirmwareLocations(for: firmware) == OVMFFirmware.candidates(for: firmware))
        }
    }

    @Test("the architecture picks the emulator and the firmware locations")
    func architectureTools() {
        #expect(MachineArchitecture.aarch64.emulatorName == "qemu-system-aarch64")
        #expect(MachineArchitecture.x86_64.emulatorName == Emulator.defaultName)
        #expect(MachineArchitecture.aarch64.uefiFirmwareLocations.first?.code == "/usr/share/AAVMF/AAVMF_CODE.fd")
        #expect(MachineArchitecture.x86_64.uefiFirmwareLocations == OVMFFirmware.knownLocations)
        #expect("\(QEMUError.firmwareNotFound(tried: ["/usr/share/AAVMF/AAVMF_CODE.fd"]))".hasSuffix("install the qemu-efi-aarch64 package"))
        #expect("\(QEMUError.emulatorNotFound(name: "qemu-system-aarch64", searched: []))".hasSuffix("install the qemu-system-arm package"))
        #expect("\(QEMUError.firmwareNotFound(tried: ["/x/OVMF_CODE.fd"]))".hasSuffix("install the ovmf package"))
    }

    @Test("doubles commas in paths, as QEMU's option parser needs")
    func escapesCommas() {
        #expect(BootMedium.disk(path: "/a,b/c.img").driveOption == "file=/a,,b/c.img,format=raw,if=virtio")
        #expect(BootMedium.cdrom(path: "x.iso").path == "x.iso")
    }

    @Test("leaves pflash out for BIOS and the boot order out for UEFI")
    func firmwareSpecificOptions() {
        let bios = MachineProfile(firmware: .bios, media: [.cdrom(path: "a.iso")]).arguments(uefi: Self.firmware)
        #expect(!bios.contains { $0.contains("pflash") })
        let uefi = MachineProfile(firmware: .uefi, media: [.cdrom(path: "a.iso")]).arguments(uefi: Self.firmware)
        #expect(!uefi.contains("-boot"))
    }

    @Test("Secure Boot runs a q35 machine with SMM and a secure code flash; plain UEFI and BIOS do not")
    func secureBootMachine() throws {
        let media: [BootMedium] = [.cdrom(path: "a.iso")]
        let secure = MachineProfile(firmware: .uefiSecureBoot, media: media).arguments(uefi: Self.firmware)
        let machine = try #require(secure.firstIndex(of: "-machine"))
        #expect(secure[machine + 1] == "q35,smm=on")
        #expect(secure.contains("driver=cfi.pflash01,property=secure,value=on"))
        #expect(secure.filter { $0.hasPrefix("if=pflash") }.count == 2)
        // The machine options come before the pflash drives they govern.
        let pflash = try #require(secure.firstIndex { $0.hasPrefix("if=pflash") })
        #expect(machine < pflash)
        for firmware in [Firmware.bios, .uefi] {
            let plain = MachineProfile(firmware: firmware, media: media).arguments(uefi: Self.firmware)
            #expect(!plain.contains("-machine") && !plain.contains("-global"), "\(firmware)")
        }
        #expect(Firmware(rawValue: "uefi-secure-boot") == .uefiSecureBoot)
    }
}
