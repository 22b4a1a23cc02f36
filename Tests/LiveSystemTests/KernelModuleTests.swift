import Testing

@testable import LiveSystem

@Suite("KernelModule")
struct KernelModuleTests {
    @Test("names normalise '-' to '_'")
    func normalizedName() {
        #expect(KernelModule.normalizedName("xen-blkfront") == "xen_blkfront")
        #expect(KernelModule.normalizedName("nls_iso8859-1") == "nls_iso8859_1")
        #expect(KernelModule.normalizedName("loop") == "loop")
    }

    @Test(
        "module names from file paths",
        arguments: [
            ("kernel/drivers/block/xen-blkfront.ko", "xen_blkfront"),
            ("kernel/fs/nls/nls_iso8859-1.ko.zst", "nls_iso8859_1"),
            ("updates/dkms/zfs.ko.xz", "zfs"), ("loop.ko.gz", "loop"), ("/abs/path/sr_mod.ko", "sr_mod"),
        ])
    func nameFromPath(path: String, name: String) {
        #expect(KernelModule.name(fromPath: path) == name)
    }

    @Test(
        "paths that are not module files have no name",
        arguments: ["kernel/x/readme.txt", "kernel/x/.ko", "a.ko.bz2", "modules.dep"])
    func notModules(path: String) {
        #expect(KernelModule.name(fromPath: path) == nil)
    }
}
