import Foundation
import QEMU
import TestSupport
import Testing

/// Slow tier: a Debian Live ISO made by Debian's own live-build (``DebianLiveImage``, built once and cached) boots
/// under QEMU TCG as a BIOS CD.
@Suite("Debian Live (live-build) remaster", .serialized, .boots)
struct DebianLiveRemasterTests {
    /// How long a boot may take. Under TCG most of it is live-config's first-boot run (minutes): the login prompt
    /// took about 7.5 minutes on a machine with twice as many busy processes as cores.
    static let bootLimit = Duration.seconds(1200)

    /// The machine the tests boot: the image as an IDE CD (the cloud kernel reads it through ata_piix), with room
    /// for the live root in RAM.
    static func profile(_ image: String) -> MachineProfile {
        MachineProfile(firmware: .bios, media: [.cdrom(path: image)], memoryMiB: 1024)
    }

    @Test(
        "slow: live-build's ISO boots as a BIOS CD to a login prompt on the serial console",
        .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): live-build downloads Debian"))
    func originalBoots() async throws {
        try #require(geteuid() == 0, "live-build needs root")
        let original = try await DebianLiveImage.cached()
        try await withTemporaryDirectory(prefix: "isokit-debian-live") { directory in
            let result = try await ConsoleProbe.run(
                Self.profile(original), expect: "login:", timeout: Self.bootLimit, log: directory + "/console.log")
            #expect(result.matched, "console: \(result.consoleTail)")
            print("Debian Live (live-build) BIOS CD: login prompt after \(Int(result.elapsedSeconds)) s")
            let log = FileManager.default.contents(atPath: directory + "/console.log") ?? Data()
            let console = String(decoding: log, as: UTF8.self)
            #expect(console.contains("boot=live"), "the kernel command line reached the console")
            #expect(console.contains("Debian GNU/Linux 12"), "\(console.suffix(800))")
        }
    }
}
