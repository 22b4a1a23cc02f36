import Foundation
@testable import LiveSystem
import TestSupport
import Testing

@Suite("Xen live CD parts")
struct LiveXenBootTests {
    /// A kernel under `base`: `boot/vmlinuz-R`, `boot/config-R` saying whether it can be dom0, `lib/modules/R/`.
    static func kernel(_ release: String, dom0: Bool, under base: String) throws {
        try FileTree.write([
            "boot/vmlinuz-\(release)": .text("kernel \(release)"),
            "boot/config-\(release)": .text(dom0 ? "CONFIG_XEN_DOM0=y\n" : "# CONFIG_XEN_DOM0 is not set\n"),
            "lib/modules/\(release)/modules.order": .text(""),
        ], under: base)
    }

    @Test("dom0's kernel: the host's cloud kernel is passed over for a generic one in the cache, with no download")
    func cachedGenericBeatsHostCloud() async throws {
        try await withTemporaryDirectory { directory in
            try Self.kernel("6.1.0-9-cloud-amd64", dom0: false, under: directory + "/host")
            let cache = IsokitCache(root: directory + "/cache")
            let kernels = cache.kernelsDirectory(architecture: "x86_64")
            try Self.kernel("6.1.0-9-amd64", dom0: true, under: kernels + "/6.1.0-9-amd64")
            try Self.kernel("6.1.0-9-cloud-amd64", dom0: false, under: kernels + "/6.1.0-9-cloud-amd64")
            let kernel = try await LiveXenBoot.dom0Kernel(
                kernel: nil, modules: nil, root: nil, hostRoot: directory + "/host", cache: cache)
            #expect(kernel.release == "6.1.0-9-amd64")
            #expect(kernel.origin == .cache)
        }
    }

    @Test("dom0's kernel: a root's own dom0-capable kernel comes first")
    func rootKernel() async throws {
        try await withTemporaryDirectory { directory in
            try Self.kernel("6.1.0-9-amd64", dom0: true, under: directory + "/root")
            let kernel = try await LiveXenBoot.dom0Kernel(
                kernel: nil, modules: nil, root: directory + "/root", hostRoot: directory + "/host",
                cache: IsokitCache(root: directory + "/cache"))
            #expect(kernel.origin == .root)
        }
    }

    @Test("a named kernel whose config lacks CONFIG_XEN_DOM0 is refused, naming the kernel and the config")
    func namedCloudKernel() async throws {
        try await withTemporaryDirectory { directory in
            try Self.kernel("6.1.0-9-cloud-amd64", dom0: false, under: directory + "/k")
            let image = directory + "/k/boot/vmlinuz-6.1.0-9-cloud-amd64"
            await #expect(throws: LiveBuildError.badInput(
                path: image,
                reason: "this kernel cannot run as Xen's dom0 (\(directory)/k/boot/config-6.1.0-9-cloud-amd64 lacks "
                    + "CONFIG_XEN_DOM0=y); leave out --kernel to use Debian's generic kernel")) {
                try await LiveXenBoot.dom0Kernel(
                    kernel: image, modules: nil, root: nil, hostRoot: directory + "/host",
                    cache: IsokitCache(root: directory + "/cache"))
            }
        }
    }
}
