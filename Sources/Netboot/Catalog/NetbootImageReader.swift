import BootConfig
import ISO9660
import LiveSystem

/// Reads one ISO for the catalog: its live layout, the entries of its menus, and whether it netboots.
enum NetbootImageReader {
    /// Reads `path`; never throws: what goes wrong becomes ``NetbootImage/notNetbootable`` or a warning.
    static func read(
        path: String, file: String, name: String, identity: FileIdentity, options: NetbootCatalogOptions
    ) -> NetbootImage {
        var image = NetbootImage(
            name: name, file: file, size: identity.size, modificationTime: identity.modificationSeconds, method: nil,
            family: nil, entries: [], notNetbootable: nil, warnings: [], identity: identity)
        let iso: ISOImage
        do {
            iso = try ISOImage(path: path)
        } catch {
            image.notNetbootable = "not a readable ISO 9660 image: \(error)"
            return image
        }
        let layout: LiveLayout
        do {
            layout = try LiveLayoutDetector.detect(iso)
        } catch {
            return memdisk(image, reason: "\(error)", options: options)
        }
        image.method = NetbootMethod(layout)
        image.family = layout.family.rawValue
        var seen: Set<[String]> = []
        for config in layout.bootConfigs {
            for entry in entries(of: config, in: iso, warnings: &image.warnings) {
                let key = [entry.kernel] + entry.initrds + entry.menuParameters
                if seen.insert(key).inserted { image.entries.append(entry) }
            }
        }
        if image.entries.isEmpty {
            image.notNetbootable = "no menu entry with a kernel found in " + layout.bootConfigs.joined(separator: ", ")
        } else if !image.entries.contains(where: \.isDefault) {
            image.entries[0].isDefault = true
        }
        return image
    }

    /// A memdisk entry for an ISO of no network-capable family, or the reason there is none.
    static func memdisk(_ image: NetbootImage, reason: String, options: NetbootCatalogOptions) -> NetbootImage {
        var image = image
        guard options.memdiskPath != nil else {
            image.notNetbootable = "no network-capable live family (\(reason)), and no memdisk to boot it whole"
            return image
        }
        guard image.size <= options.memdiskLimitBytes else {
            image.notNetbootable =
                "no network-capable live family (\(reason)), and \(image.size) bytes is over the memdisk limit of "
                + "\(options.memdiskLimitBytes)"
            return image
        }
        image.method = .memdisk
        image.entries = [
            NetbootEntry(
                title: image.file + " (memdisk, whole ISO in RAM)", kernel: "", initrds: [], menuParameters: [],
                isDefault: true, source: "")
        ]
        return image
    }

    /// The Linux entries of one menu file whose kernel and initrds exist in the image.
    static func entries(of config: String, in iso: ISOImage, warnings: inout [String]) -> [NetbootEntry] {
        let bytes: [UInt8]
        do {
            bytes = try iso.contents(of: config, limitBytes: 1 << 20)
        } catch {
            warnings.append("\(config): \(error)")
            return []
        }
        let menuEntries: [BootMenuEntry]
        if config.hasPrefix("/boot/grub") || config.hasPrefix("/EFI/") {
            do {
                menuEntries = try GrubMenuDocument(bytes: bytes).bootEntries()
            } catch {
                warnings.append("\(config): \(error)")
                return []
            }
        } else {
            menuEntries = SyslinuxDocument(bytes: bytes).bootEntries()
        }
        let directory = String(config[..<(config.lastIndex(of: "/") ?? config.startIndex)])
        var found: [NetbootEntry] = []
        for entry in menuEntries where entry.hypervisor == nil {
            guard let kernel = resolve(entry.kernel, from: directory, in: iso) else {
                warnings.append("\(config): \(entry.title): kernel \(entry.kernel) is not a file in the image")
                continue
            }
            let present = entry.initrds.compactMap { resolve($0, from: directory, in: iso) }
            guard present.count == entry.initrds.count else {
                warnings.append("\(config): \(entry.title): an initrd of \(entry.initrds) is not a file in the image")
                continue
            }
            let parameters = entry.parameters.filter { IPXEQuoting.isWord($0) && $0 != "---" && $0 != "--" }
            found.append(NetbootEntry(
                title: entry.title, kernel: kernel, initrds: present, menuParameters: parameters,
                isDefault: entry.isDefault, source: config))
        }
        return found
    }

    /// The absolute path of a kernel or initrd as a menu writes it (a GRUB `(device)` prefix dropped, relative
    /// syslinux paths taken from the menu's folder), if it is a regular file in the image whose path is URL-safe.
    static func resolve(_ written: String, from directory: String, in iso: ISOImage) -> String? {
        var path = Substring(written)
        if path.hasPrefix("("), let close = path.firstIndex(of: ")") { path = path[path.index(after: close)...] }
        guard !path.isEmpty, !path.contains("$"), !path.hasSuffix(".c32") else { return nil }
        let absolute = path.hasPrefix("/") ? String(path) : directory + "/" + path
        guard NetbootPath.isURLSafe(absolute), let entry = try? iso.entry(at: absolute), entry.kind == .regular
        else { return nil }
        return entry.path
    }
}
