import BootConfig

extension NetbootCatalog {
    /// The GRUB menu of a resolved catalog, for UEFI machines that netboot with GRUB instead of iPXE
    /// (`isokit netboot image` on UEFI): an entry per image entry, titled `FILE: TITLE`, whose kernel and initrds GRUB
    /// fetches over HTTP (`(http,HOST:PORT)/iso/NAME/…`). memdisk entries (BIOS only) and entries on URLs GRUB can't
    /// fetch (https) are left out. The default is the first image's default entry.
    /// - Parameter timeoutSeconds: Seconds before the default boots.
    public func grubMenu(timeoutSeconds: Int = 5) -> GrubConfiguration {
        var entries: [GrubMenuEntry] = []
        var defaultEntry: Int?
        for image in images where image.notNetbootable == nil && image.method != .memdisk {
            for entry in image.entries {
                guard let target = entry.target, let kernel = GrubNetworkBoot.grubPath(url: target.kernel) else { continue }
                let initrds = target.initrds.compactMap(GrubNetworkBoot.grubPath(url:))
                guard initrds.count == target.initrds.count else { continue }
                if defaultEntry == nil && entry.isDefault { defaultEntry = entries.count }
                entries.append(
                    GrubMenuEntry(
                        title: "\(image.file): \(entry.title)", kernel: kernel, initrds: initrds,
                        parameters: target.parameters))
            }
        }
        return GrubConfiguration(
            timeoutSeconds: timeoutSeconds, defaultEntry: defaultEntry ?? 0, serial: nil, entries: entries)
    }
}
