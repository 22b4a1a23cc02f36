import Foundation
import TestSupport
import Testing

@Suite("isokit demo")
struct DemoCommandTests {
    @Test(
        "builds the rescue default into the cache and boots it to its shell",
        .boots, .enabled(if: BuildCommandTests.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
    func demo() async throws {
        try await withTemporaryDirectory(prefix: "isokit-cli-demo") { directory in
            // A private cache that shares the fetched kernels, so the demo image lands in the temporary directory.
            try FileManager.default.createSymbolicLink(
                atPath: directory + "/kernels", withDestinationPath: KernelCache.root + "/kernels")
            let result = try await IsokitBinary.run(["demo", "--timeout", "90"], environment: ["ISOKIT_CACHE": directory])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("isokit rescue ready"), "the console is shown: \(result.stdout.suffix(500))")
            #expect(result.stderr.contains("isokit: booted \(directory)/demo/rescue.iso (bios, cdrom) to the rescue shell in "))
            #expect(FileManager.default.fileExists(atPath: directory + "/demo/rescue.iso"))
        }
    }
}
