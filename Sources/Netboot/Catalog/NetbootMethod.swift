import LiveSystem

/// How a netbooted kernel finds its root file system over HTTP, by live family.
///
/// The kernel parameters each family's initramfs reads (documented in Netboot.docc):
/// - isokit: `isokit.fetch=BASE/iso/NAME/`; the init fetches `live/layers.list` and the layers below it.
/// - Debian live-boot: `boot=live fetch=BASE/iso/NAME/live/filesystem.squashfs` (live-boot brings the network up
///   by DHCP itself and copies the squashfs to RAM).
/// - archiso and SystemRescue: `archisobasedir=DIR archiso_http_srv=BASE/iso/NAME/ ip=dhcp`; the initramfs fetches
///   `archiso_http_srv + DIR/x86_64/airootfs.sfs`.
/// - casper (Ubuntu 20.04 and later): `boot=casper netboot=url url=BASE/iso/NAME.iso ip=dhcp`; casper downloads
///   the whole ISO to RAM and loop-mounts it.
/// - memdisk: syslinux's memdisk loads the whole ISO into RAM (`iso raw`) and emulates a CD; only systems that
///   need nothing from the medium after the kernel starts, or that look for it with memdiskfind/phram, boot this way.
public enum NetbootMethod: Hashable, Sendable, Codable {
    /// isokit's own images (`isokit.fetch=`).
    case isokit
    /// Debian live-boot (`fetch=`).
    case debianLive
    /// archiso / SystemRescue (`archiso_http_srv=`), with the image's `archisobasedir`.
    case archiso(baseDirectory: String)
    /// Ubuntu casper (`url=` the whole ISO).
    case casper
    /// syslinux memdisk with the whole ISO as its initrd.
    case memdisk

    /// The method for a live family.
    public init(_ layout: LiveLayout) {
        switch layout.family {
        case .isokit: self = .isokit
        case .debianLive: self = .debianLive
        case .archiso: self = .archiso(baseDirectory: layout.baseDirectory ?? "arch")
        case .casper: self = .casper
        }
    }

    /// A short name for reports: `isokit`, `debian-live`, `archiso`, `casper`, `memdisk`.
    public var name: String {
        switch self {
        case .isokit: "isokit"
        case .debianLive: "debian-live"
        case .archiso: "archiso"
        case .casper: "casper"
        case .memdisk: "memdisk"
        }
    }

    /// Parameters of a menu entry that point the initramfs at the boot medium; dropped for a network boot.
    static let mediumParameters = [
        "isokit.label=", "isokit.uuid=", "isokit.media=", "isokit.toram", "archisolabel=", "archisodevice=",
        "archisosearchuuid=", "archisosearchfilename=", "img_dev=", "img_loop=", "iso-scan/filename=", "findiso=",
        "live-media=", "live-media-path=", "cdrom-detect/try-usb=", "fetch=", "isokit.fetch=", "archiso_http_srv=",
        "url=", "netboot=", "ip=",
    ]

    /// The entry's own parameters without those that find the medium, plus this method's network parameters.
    /// - Parameters:
    ///   - own: The menu entry's parameters.
    ///   - imageURL: The image's folder URL, `BASE/iso/NAME/` (ends in `/`).
    ///   - wholeURL: The whole ISO's URL, `BASE/iso/NAME.iso`.
    public func parameters(own: [String], imageURL: String, wholeURL: String) -> [String] {
        let kept = own.filter { word in
            !Self.mediumParameters.contains { $0.hasSuffix("=") ? word.hasPrefix($0) : word == $0 }
        }
        switch self {
        case .isokit:
            return kept + ["isokit.fetch=" + imageURL]
        case .debianLive:
            return (kept.contains("boot=live") ? kept : ["boot=live"] + kept)
                + ["fetch=" + imageURL + "live/filesystem.squashfs"]
        case .archiso(let directory):
            let base = kept.filter { !$0.hasPrefix("archisobasedir=") }
            return base + ["archisobasedir=" + directory, "archiso_http_srv=" + imageURL, "ip=dhcp"]
        case .casper:
            return (kept.contains("boot=casper") ? kept : ["boot=casper"] + kept)
                + ["ip=dhcp", "netboot=url", "url=" + wholeURL]
        case .memdisk:
            return ["iso", "raw"]
        }
    }
}
