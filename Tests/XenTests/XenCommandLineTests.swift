import Testing
import Xen

@Suite("Xen command line")
struct XenCommandLineTests {
    @Test("consoles, video modes, splash and GRUB variables are dropped", arguments: [
        ("console=tty0", true), ("console=ttyS0,115200", true), ("vga=788", true), ("video=1024x768", true),
        ("splash", true), ("findiso=${iso_path}", true), ("BOOT_IMAGE=/vmlinuz", true), ("quiet", false),
        ("boot=live", false), ("nomodeset", false), ("consoleblank=0", false),
    ])
    func dropped(word: String, isDropped: Bool) {
        #expect(XenCommandLine.isDropped(word) == isDropped)
    }

    @Test("each family's medium parameters replace the entry's own")
    func families() {
        #expect(XenCommandLine.parameters(
            entry: ["archisobasedir=arch", "archisolabel=ARCH_1", "cow_spacesize=1G"], family: .archiso,
            baseDirectory: "arch", address: nil, extra: ["x=1"])
            == ["cow_spacesize=1G", "archisobasedir=arch", "archisodevice=/dev/xvdc", "console=hvc0", "x=1"])
        #expect(XenCommandLine.parameters(
            entry: ["boot=live", "live-media=/dev/sr0", "ip=dhcp"], family: .debianLive, baseDirectory: nil,
            address: "ip=10.0.0.2::10.0.0.1:255.255.255.0::eth0:off", extra: [])
            == ["boot=live", "live-media=/dev/xvdc", "ip=10.0.0.2::10.0.0.1:255.255.255.0::eth0:off", "console=hvc0"])
        #expect(XenCommandLine.parameters(entry: ["quiet"], family: nil, baseDirectory: nil, address: nil, extra: [])
            == ["quiet", "console=hvc0"])
    }

    @Test("static addresses: klibc form, casper's own form")
    func addresses() throws {
        let ip = try #require(IPv4Address("10.0.0.2"))
        let mask = try #require(IPv4Address("255.255.0.0"))
        #expect(XenCommandLine.addressParameter(ip, netmask: mask, gateway: nil, family: .isokit) == "ip=10.0.0.2:::255.255.0.0::eth0:off")
        #expect(XenCommandLine.addressParameter(ip, netmask: mask, gateway: IPv4Address("10.0.0.1"), family: .casper)
            == "ip=eth0,10.0.0.2,255.255.0.0,10.0.0.1")
    }
}
