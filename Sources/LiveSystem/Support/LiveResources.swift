import Foundation

/// The shell programs isokit puts into the live system, kept as readable files under `Sources/LiveSystem/Resources`.
enum LiveResources {
    /// The initramfs `/init`.
    static var initramfsInit: [UInt8] { get throws { try load("initramfs/init") } }
    /// udhcpc's default script, which configures the leased address.
    static var udhcpcScript: [UInt8] { get throws { try load("initramfs/udhcpc.script") } }
    /// The boot settings library (`isokit.rootpass=`, `isokit.sshkey=`, `isokit.ip=`, …) both inits source, installed
    /// as `/lib/isokit/settings.sh`.
    static var bootSettings: [UInt8] { get throws { try load("settings/settings.sh") } }
    /// The rescue default root's `/sbin/init`.
    static var rescueInit: [UInt8] { get throws { try load("rescue/init") } }
    /// The rescue dom0's toolstack start (`/lib/isokit/xen-dom0`), for Xen live CDs.
    static var xenDom0: [UInt8] { get throws { try load("xen/dom0") } }
    /// The rescue dom0's libxl hotplug script for disks (`/etc/xen/scripts/block`), for busybox sh.
    static var xenBlockScript: [UInt8] { get throws { try load("xen/block") } }

    /// The bytes of `Resources/NAME`.
    private static func load(_ name: String) throws -> [UInt8] {
        guard let base = Bundle.module.resourceURL else {
            throw LiveBuildError.badInput(path: "Resources/" + name, reason: "isokit's resource bundle is missing")
        }
        let path = base.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LiveBuildError.badInput(path: path, reason: "isokit's resource file is missing")
        }
        return Array(data)
    }
}
