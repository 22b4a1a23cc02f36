import Foundation
import LiveSystem
import SquashFS
import TestSupport
import Testing

@Suite("Live ownership")
struct LiveOwnershipTests {
    @Test("all-root, id maps and the default")
    func parse() throws {
        #expect(try LiveOwnership.parse(allRoot: true, users: [], groups: []) == .root)
        #expect(try LiveOwnership.parse(allRoot: false, users: [], groups: []) == nil)
        #expect(
            try LiveOwnership.parse(allRoot: false, users: ["1000:0", "1001:2"], groups: ["100:0"])
                == .mapped(users: [1000: 0, 1001: 2], groups: [100: 0]))
        #expect(throws: LiveBuildError.invalidOption("uid map \"1000\": use FROM:TO with numeric ids")) {
            try LiveOwnership.parse(allRoot: false, users: ["1000"], groups: [])
        }
        #expect(throws: LiveBuildError.invalidOption("all-root and id maps exclude each other")) {
            try LiveOwnership.parse(allRoot: true, users: ["1:0"], groups: [])
        }
    }

    @Test(
        "a mapped uid is recorded as its target in the layer, other owners stay",
        .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
        .oracles("unsquashfs", "osirrox"))
    func mappedBuild() async throws {
        try #require(geteuid() == 0, "giving files other owners needs root")
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            try LiveFixture.scriptedRoot(at: directory + "/root", script: "poweroff -f\n", files: [
                "home/user/mine": .text("x\n"), "srv/other": .text("y\n"),
            ])
            #expect(chown(directory + "/root/home/user/mine", 1000, 1000) == 0)
            #expect(chown(directory + "/root/srv/other", 1234, 1234) == 0)
            var options = LiveFixture.options(.directory(directory + "/root"), in: directory)
            options.ownership = try LiveOwnership.parse(allRoot: false, users: ["1000:0"], groups: ["1000:0"])
            let report = try await LiveBuilder.build(options)
            try await Tool.run("osirrox", ["-indev", report.output, "-extract", "/live", directory + "/live"])
            let listing = try await Tool.run("unsquashfs", ["-lln", directory + "/live/00-base.squashfs"]).stdout
            let lines = listing.split(separator: "\n")
            #expect(lines.first { $0.hasSuffix("/home/user/mine") }?.contains(" 0/0 ") == true, "\(listing)")
            #expect(lines.first { $0.hasSuffix("/srv/other") }?.contains(" 1234/1234 ") == true, "\(listing)")
        }
    }
}
