import ISO9660

/// Works out which live family an ISO image belongs to, where its root file system is and which boot menus it has,
/// reading only directories (and `/live/layers.list` for isokit's own images).
public enum LiveLayoutDetector {
    /// The places checked, in order, as they appear in ``LiveLayoutError/noLiveRoot(image:looked:)``.
    static let looked = [
        "/live/layers.list (isokit)", "/*/x86_64/airootfs.sfs (archiso, SystemRescue)",
        "/live/filesystem.squashfs (Debian live)", "/casper/*.squashfs (casper)",
    ]
    /// Directories whose `*.cfg` files are boot menus.
    public static let configDirectories = ["/boot/grub", "/boot/grub2", "/EFI/BOOT", "/isolinux", "/syslinux", "/boot/syslinux",
                                    "/boot/isolinux"]

    /// Detects the layout of `image`.
    /// - Throws: ``LiveLayoutError/noLiveRoot(image:looked:)`` when no family matches; ``ImageError`` for a damaged image.
    public static func detect(_ image: ISOImage) throws -> LiveLayout {
        let configs = try bootConfigs(in: image)
        let top = try image.list(image.root())
        if let live = top.first(where: { $0.name == "live" && $0.kind == .directory }) {
            let files = try image.list(live)
            let squashfs = files.filter { $0.kind == .regular && $0.name.hasSuffix(".squashfs") }.map(\.path).sorted()
            if files.contains(where: { $0.name == "layers.list" }) {
                let list = try image.contents(of: "/live/layers.list", limitBytes: 1 << 20)
                let names = String(decoding: list, as: UTF8.self).split(separator: "\n").map { "/live/" + $0 }
                return LiveLayout(family: .isokit, rootImages: names.filter(squashfs.contains), bootConfigs: configs)
            }
            if squashfs.contains("/live/filesystem.squashfs") {
                return LiveLayout(family: .debianLive, rootImages: squashfs, bootConfigs: configs)
            }
        }
        for directory in top where directory.kind == .directory {
            guard let arch = try image.list(directory).first(where: { $0.name == "x86_64" && $0.kind == .directory }),
                try image.list(arch).contains(where: { $0.name == "airootfs.sfs" })
            else { continue }
            return LiveLayout(
                family: .archiso, rootImages: [arch.path + "/airootfs.sfs"], baseDirectory: directory.name,
                bootConfigs: configs)
        }
        if let casper = top.first(where: { $0.name == "casper" && $0.kind == .directory }) {
            let squashfs = try image.list(casper).filter { $0.kind == .regular && $0.name.hasSuffix(".squashfs") }
            if !squashfs.isEmpty {
                return LiveLayout(family: .casper, rootImages: squashfs.map(\.path).sorted(), bootConfigs: configs)
            }
        }
        throw LiveLayoutError.noLiveRoot(image: image.path, looked: looked)
    }

    /// `grub.cfg`, `loopback.cfg` and syslinux `*.cfg` files in the usual boot directories, in path order.
    static func bootConfigs(in image: ISOImage) throws -> [String] {
        var found: [String] = []
        for directory in configDirectories {
            guard let entry = try? image.entry(at: directory), entry.kind == .directory else { continue }
            found += try image.list(entry).filter { $0.kind == .regular && $0.name.hasSuffix(".cfg") }.map(\.path)
        }
        return found.sorted()
    }
}
