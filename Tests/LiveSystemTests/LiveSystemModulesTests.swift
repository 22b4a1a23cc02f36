import Testing

@testable import LiveSystem

@Suite("LiveSystemModules")
struct LiveSystemModulesTests {
    @Test("squashfs, overlay, iso9660 and loop are mandatory; everything else is optional")
    func mandatory() {
        #expect(Set(LiveSystemModules.mandatory) == ["squashfs", "overlay", "iso9660", "loop"])
        #expect(Set(LiveSystemModules.mandatory).isDisjoint(with: LiveSystemModules.ifAvailable))
        for name in [
            "sr_mod", "virtio_blk", "xen_blkfront", "xen_netfront", "nvme", "vfat", "virtio_net", "e1000", "e1000e",
            "phram", "mtdblock",
        ] {
            #expect(LiveSystemModules.ifAvailable.contains(name), "\(name)")
        }
    }

    @Test("group names are unique")
    func groups() {
        let names = LiveSystemModules.groups.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
