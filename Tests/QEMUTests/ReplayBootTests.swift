import Foundation
import ISO9660
import Testing
import TestSupport

@testable import QEMU

/// Proof that ``BootSetup`` keeps an image bootable: Debian's GRUB rescue CD, its tree extracted and written again
/// by ``ISOCreator`` with the captured boot setup, boots as a BIOS CD to GRUB.
@Suite("Replayed boot setup", .serialized, .boots)
struct ReplayBootTests {
    static let limit = Duration.seconds(60)

    @Test(
        "the rewritten grub-rescue CD reaches GRUB under BIOS",
        .enabled(if: BootFixtures.rescueCDAvailable, "needs grub-rescue-pc"))
    func rescueCD() async throws {
        try await withTemporaryDirectory(prefix: "isokit-replay-boot") { directory in
            let input = try ISOImage(path: BootFixtures.rescueCD)
            let setup = try BootSetup(image: input)
            _ = try Extractor(image: input, options: ExtractOptions(preserveOwners: false))
                .extract(["/"], to: directory + "/tree")
            var base = ISOWriterOptions()
            base.sourceDateEpoch = 1_700_000_000
            let replay = try setup.writerOptions(reading: input, base: base)
            let image = directory + "/replayed.iso"
            _ = try ISOCreator.create(from: directory + "/tree", to: image, options: replay.options)
            let profile = MachineProfile(firmware: .bios, media: [.cdrom(path: image)])
            let result = try await ConsoleProbe.run(
                profile, expect: "GNU GRUB  version", timeout: Self.limit, log: directory + "/console.log")
            #expect(result.matched, "console: \(result.consoleTail)")
            #expect(BootFixtures.emulators(using: image).isEmpty)
        }
    }
}
