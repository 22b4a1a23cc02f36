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
