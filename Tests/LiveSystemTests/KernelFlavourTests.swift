import LiveSystem
import Testing

@Suite("Kernel flavour")
struct KernelFlavourTests {
    @Test("the metapackages are Debian's: linux-image-cloud-amd64 and linux-image-amd64")
    func metapackages() {
        #expect(KernelFlavour.cloud.metapackage() == "linux-image-cloud-amd64")
        #expect(KernelFlavour.generic.metapackage() == "linux-image-amd64")
        #expect(KernelFlavour.cloud.metapackage(debianArchitecture: "arm64") == "linux-image-cloud-arm64")
    }

    @Test(
        "releases are told apart by the word between the ABI number and the architecture",
        arguments: [
            ("6.1.0-56-cloud-amd64", true, false), ("6.1.0-56-amd64", false, true), ("6.1.0-56-cloud-arm64", true, false),
            ("6.1.0-56-rt-amd64", false, false), ("6.12.9+bpo-amd64", false, true), ("amd64", false, false),
            ("6.1.0-test", false, true),
        ])
    func matches(release: String, cloud: Bool, generic: Bool) {
        #expect(KernelFlavour.cloud.matches(release: release) == cloud)
        #expect(KernelFlavour.generic.matches(release: release) == generic)
    }
}
