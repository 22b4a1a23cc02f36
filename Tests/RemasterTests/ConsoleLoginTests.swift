import Testing

@testable import Remaster

@Suite("hvc0 login lines")
struct ConsoleLoginTests {
    static func inittab(_ text: String) -> String? {
        ConsoleLogin.inittab(adding: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("sysvinit: after the last getty, with its runlevels and command; agetty options kept")
    func sysvinit() {
        #expect(Self.inittab("1:2345:respawn:/sbin/agetty --noclear tty1 linux\n# comment\n")
            == "1:2345:respawn:/sbin/agetty --noclear tty1 linux\nhvc0:2345:respawn:/sbin/agetty --noclear hvc0 linux\n# comment\n")
        #expect(Self.inittab("id:3:initdefault:\nsi::sysinit:/etc/rc") == "id:3:initdefault:\nsi::sysinit:/etc/rc\nhvc0::respawn:/sbin/getty 38400 hvc0\n")
        #expect(Self.inittab("id:3:initdefault:\n") == "id:3:initdefault:\nhvc0:2345:respawn:/sbin/getty 38400 hvc0\n")
    }

    @Test("busybox: empty runlevels; a file that already has hvc0 is left alone")
    func busybox() {
        #expect(Self.inittab("ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100\n")
            == "ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100\nhvc0::respawn:/sbin/getty -L 115200 hvc0 vt100\n")
        #expect(Self.inittab("hvc0::respawn:/sbin/getty 38400 hvc0\n") == nil)
        #expect(Self.inittab("x:2:respawn:/sbin/getty 38400 hvc0\n") == nil)
    }

    @Test("securetty gets hvc0 once, with a newline before it if the file lacks one")
    func securetty() {
        #expect(ConsoleLogin.securetty(adding: Array("console\ntty1".utf8)) == Array("console\ntty1\nhvc0\n".utf8))
        #expect(ConsoleLogin.securetty(adding: Array("hvc0\n".utf8)) == nil)
        #expect(ConsoleLogin.securetty(adding: []) == Array("hvc0\n".utf8))
    }
}
