@testable import LiveSystem
import TestSupport
import Testing

@Suite("Kernel fetcher")
struct KernelFetcherTests {
    @Test("the kernel package is the metapackage's linux-image-RELEASE dependency")
    func package() {
        let text = """
            linux-image-cloud-amd64
              Depends: linux-image-6.1.0-56-cloud-amd64
              Depends: linux-image-cloud-amd64-signed
            """
        #expect(KernelFetcher.kernelPackage(inDependencies: text) == "linux-image-6.1.0-56-cloud-amd64")
        #expect(KernelFetcher.kernelPackage(inDependencies: "foo\n  Depends: libc6\n") == nil)
    }

    @Test(
        "a release already in the cache is not downloaded again",
        .oracles("apt-cache"), .enabled(if: KernelCache.modulesDirectory != nil || Oracle.required, "needs scripts/setup"))
    func cached() async throws {
        let kernel = try await KernelFetcher().fetch()
        #expect(kernel.origin == .cache)
        #expect(kernel.modulesDirectory.hasSuffix("/lib/modules/" + kernel.release))
    }
}
