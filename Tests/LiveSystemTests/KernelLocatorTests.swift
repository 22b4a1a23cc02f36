import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite("Kernel locator")
struct KernelLocatorTests {
    /// Writes `boot/vmlinuz-RELEASE` and `lib/modules/RELEASE/` under `base` for each release.
    static func fakeKernels(_ releases: [String], under base: String, modules: Bool = true) throws {
        var nodes: [String: FileTree.Node] = [:]
        for release in releases {
            nodes["boot/vmlinuz-\(release)"] = .text("kernel \(release)")
            if modules { nodes["lib/modules/\(release)/modules.order"] = .text("") }
        }
        try FileTree.write(nodes, under: base)
    }

    @Test("the root's kernel comes before the host's, and the newest release wins (6.10 after 6.9)")
    func order() async throws {
        try await withTemporaryDirectory { directory in
            try Self.fakeKernels(["6.9.0-1-amd64", "6.10.0-1-amd64"], under: directory + "/root")
            try Self.fakeKernels(["7.0.0-1-amd64"], under: directory + "/host")
            let cache = IsokitCache(root: directory + "/cache")
            let fromRoot = try KernelLocator(root: directory + "/root", hostRoot: directory + "/host", cache: cache).locate()
            #expect(fromRoot.release == "6.10.0-1-amd64")
            #expect(fromRoot.origin == .root)
            #expect(fromRoot.modulesDirectory == directory + "/root/lib/modules/6.10.0-1-amd64")
            let fromHost = try KernelLocator(hostRoot: directory + "/host", cache: cache).locate()
            #expect(fromHost.origin == .host)
            #expect(fromHost.image == directory + "/host/boot/vmlinuz-7.0.0-1-amd64")
        }
    }

    @Test("a kernel without modules is passed over; the cache is the last place")
    func cache() async throws {
        try await withTemporaryDirectory { directory in
            try Self.fakeKernels(["6.1.0-9-amd64"], under: directory + "/host", modules: false)
            let cache = IsokitCache(root: directory + "/cache")
            try Self.fakeKernels(["6.1.0-56-cloud-amd64"], under: cache.kernelsDirectory(architecture: "x86_64") + "/6.1.0-56-cloud-amd64")
            let found = try KernelLocator(hostRoot: directory + "/host", cache: cache).locate()
            #expect(found.origin == .cache)
            #expect(found.release == "6.1.0-56-cloud-amd64")
        }
    }

    @Test("no kernel anywhere: the error names every place tried")
    func none() async throws {
        try await withTemporaryDirectory { directory in
            try Self.fakeKernels(["6.1.0-9-amd64"], under: directory + "/host", modules: false)
            let locator = KernelLocator(
                root: directory + "/root", hostRoot: directory + "/host", cache: IsokitCache(root: directory + "/cache"))
            let error = #expect(throws: LiveBuildError.self) { try locator.locate() }
            let text = "\(error.map { "\($0)" } ?? "")"
            #expect(text.contains(directory + "/root/boot: no vmlinuz-RELEASE"), "\(text)")
            #expect(text.contains(directory + "/host/boot/vmlinuz-6.1.0-9-amd64: no " + directory + "/host/lib/modules/6.1.0-9-amd64"), "\(text)")
            #expect(text.contains(directory + "/cache/kernels/x86_64: no kernel fetched"), "\(text)")
        }
    }

    @Test("--kernel finds its modules by the release in its name, or takes --modules")
    func explicit() async throws {
        try await withTemporaryDirectory { directory in
            try Self.fakeKernels(["6.1.0-3-amd64"], under: directory + "/tree")
            let image = directory + "/tree/boot/vmlinuz-6.1.0-3-amd64"
            let found = try KernelLocator(kernel: image, hostRoot: directory + "/none", cache: IsokitCache(root: directory)).locate()
            #expect(found.modulesDirectory == directory + "/tree/lib/modules/6.1.0-3-amd64")
            #expect(found.origin == .explicit)
            try FileTree.write(["k/bzImage": .text("k"), "m/6.1.0-3-amd64/modules.order": .text("")], under: directory)
            let named = try KernelLocator(
                kernel: directory + "/k/bzImage", modules: directory + "/m/6.1.0-3-amd64", cache: IsokitCache(root: directory)
            ).locate()
            #expect(named.release == "6.1.0-3-amd64")
            #expect(throws: LiveBuildError.self) {
                try KernelLocator(kernel: directory + "/k/bzImage", hostRoot: directory, cache: IsokitCache(root: directory)).locate()
            }
        }
    }
}
