import Foundation
import TestSupport
import Testing

/// `isokit run` booting Debian's GRUB rescue CD under SeaBIOS.
@Suite("isokit run", .serialized)
struct RunCommandTests {
    static let rescueCD = "/usr/lib/grub-rescue/grub-rescue-cdrom.iso"

    @Test("exits 0 when the pattern appears, and says after how long", .boots)
    func matches() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run([
            "run", Self.rescueCD, "--expect", "GNU GRUB +version", "--timeout", "60", "--log", "console.log", "-q",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("isokit: matched \"GNU GRUB +version\" after "))
        #expect(result.stdout.isEmpty, "-q keeps the console off standard output")
        #expect(try String(contentsOfFile: fixture.path("console.log"), encoding: .utf8).contains("GRUB"))
    }

    @Test("exits 124 with the last console lines when the timeout passes first", .boots)
    func timesOut() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(["run", Self.rescueCD, "--expect", "NEVER-PRINTED", "--timeout", "8"])
        #expect(result.status == 124, "\(result.stderr)")
        #expect(result.stderr.contains("isokit: no match within 8 s; last console lines:"))
        #expect(result.stdout.contains("GRUB"), "without -q the console goes to standard output")
    }

    @Test("a pattern that is not a regular expression is a usage error", arguments: ["(", "[a-"])
    func badPattern(pattern: String) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(["run", Self.rescueCD, "--expect", pattern])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--expect: the console pattern"))
    }

    @Test("a missing image exits 66 before QEMU starts")
    func missingImage() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(["run", "nothing.iso", "--expect", "x"])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr == "isokit: boot medium nothing.iso does not exist\n")
    }
}
