import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite("Kernel configuration")
struct KernelConfigurationTests {
    @Test("set options are read with their values; `is not set` lines and comments are not options")
    func parses() {
        let text = """
            # Automatically generated file; DO NOT EDIT.
            CONFIG_XEN_PV=y
            # CONFIG_XEN_DOM0 is not set
            CONFIG_SQUASHFS=m
            CONFIG_LOCALVERSION=""

            """
        let configuration = KernelConfiguration(text: text, path: "/boot/config-x")
        #expect(configuration.options == ["CONFIG_XEN_PV": "y", "CONFIG_SQUASHFS": "m", "CONFIG_LOCALVERSION": #""""#])
        #expect(!configuration.supportsXenDom0)
        #expect(KernelConfiguration(text: "CONFIG_XEN_DOM0=y\n", path: "c").supportsXenDom0)
        #expect(!configuration.drivesSATA)
        #expect(KernelConfiguration(text: "CONFIG_SATA_AHCI=m\n", path: "c").drivesSATA)
        #expect(KernelConfiguration(text: "CONFIG_SATA_AHCI=y\n", path: "c").drivesSATA)
    }

    @Test("the configuration is config-RELEASE beside the image; none there gives nil")
    func beside() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["boot/config-6.1.0-1-amd64": .text("CONFIG_XEN_DOM0=y\n")], under: directory)
            let kernel = KernelSource(
                image: directory + "/boot/vmlinuz-6.1.0-1-amd64", release: "6.1.0-1-amd64", modulesDirectory: "", origin: .cache)
            #expect(try KernelConfiguration.of(kernel)?.supportsXenDom0 == true)
            var other = kernel
            other.release = "6.1.0-2-amd64"
            #expect(try KernelConfiguration.of(other) == nil)
        }
    }

    @Test("Debian's kernels in the cache: the generic one can be dom0 and drives SATA, the cloud one does neither", .kernelModules)
    func debianKernels() throws {
        let root = KernelCache.root + "/kernels/x86_64"
        let releases = try FileManager.default.contentsOfDirectory(atPath: root)
        for release in releases {
            let kernel = KernelSource(
                image: "\(root)/\(release)/boot/vmlinuz-\(release)", release: release, modulesDirectory: "", origin: .cache)
            guard let configuration = try KernelConfiguration.of(kernel) else { continue }
            if KernelFlavour.cloud.matches(release: release) {
                #expect(!configuration.supportsXenDom0 && !configuration.drivesSATA, "\(release)")
            }
            if KernelFlavour.generic.matches(release: release) {
                #expect(configuration.supportsXenDom0 && configuration.drivesSATA, "\(release)")
            }
        }
    }
}
