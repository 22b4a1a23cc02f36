import BinaryIO
import Foundation
import ISO9660
import LiveSystem
import SystemPackage

/// Writes the URL tree `netboot serve` answers as static files (`isokit netboot export`), for nginx, object storage
/// or a CDN: the same paths and the same bytes, for a fixed base URL.
///
/// - `/boot.ipxe`, `/boot.grub`, `/catalog.json` and `/host/MAC.ipxe` as ``NetbootDocuments`` makes them;
/// - `/iso/NAME.iso`: a hard link to the ISO (a copy where the site is on another file system);
/// - `/iso/NAME/PATH`: for every netbootable image, each regular file in the folders inside it that hold an entry's
///   kernel or initrd or a root file system image (what iPXE and the live system fetch: kernels, initrds, layers,
///   `layers.list`, `filesystem.squashfs`, `airootfs.sfs` and their checksum files), copied out of the ISO.
public enum NetbootExporter {
    /// Exports `directory`'s ISOs into `site`, which must not exist or be empty; the tree is written beside it and
    /// renamed into place, so a failed export leaves nothing.
    /// - Parameters:
    ///   - directory: The folder of ISOs.
    ///   - site: Where the URL tree goes.
    ///   - baseURL: The URL clients reach the site at (there is no request to take it from).
    ///   - options: The menu settings, added kernel parameters, catalog options and hosts, as for ``NetbootServer``
    ///     (its listen address and base URL are not used).
    /// - Returns: The files written, as URL paths, sorted.
    /// - Throws: ``NetbootError`` for the folder or a bad base URL or script; ``NetbootError/siteNotEmpty(path:)``;
    ///   ``IOError`` naming the file for host failures; ``ImageError`` for a damaged ISO.
    public static func export(
        directory: String, to site: String, baseURL: String, options: NetbootServerOptions
    ) throws -> [String] {
        let base = try NetbootServerOptions.checkBaseURL(baseURL)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: site), !existing.isEmpty {
            throw NetbootError.siteNotEmpty(path: site)
        }
        let catalog = try NetbootCatalog.scan(directory: directory, options: options.catalog)
            .resolved(baseURL: base, extraParameters: options.extraParameters)
        let work = try WorkDirectory(near: site)
        defer { work.remove() }
        var written: [String] = []
        func write(_ text: String, at url: String) throws {
            try makeParent(of: work.path + url)
            try Data(text.utf8).write(to: URL(fileURLWithPath: work.path + url))
            written.append(url)
        }
        try write(try NetbootDocuments.menu(catalog, timeoutSeconds: options.menuTimeoutSeconds), at: "/boot.ipxe")
        try write(NetbootDocuments.grubMenu(catalog, timeoutSeconds: options.menuTimeoutSeconds), at: "/boot.grub")
        try write(try NetbootDocuments.catalogJSON(catalog), at: "/catalog.json")
        for (mac, network) in options.hosts.byMAC {
            try write(try NetbootDocuments.hostScript(network, baseURL: base), at: "/host/\(mac).ipxe")
        }
        for image in catalog.images where image.notNetbootable == nil {
            let source = directory + "/" + image.file
            try link(source, to: work.path + "/iso/\(image.name).iso")
            written.append("/iso/\(image.name).iso")
            let iso = try ISOImage(path: source)
            for path in try filesFetched(from: iso, entries: image.entries) {
                try copy(try iso.entry(at: path), of: iso, to: work.path + "/iso/\(image.name)" + path)
                written.append("/iso/\(image.name)" + path)
            }
        }
        if FileManager.default.fileExists(atPath: site) { try FileManager.default.removeItem(atPath: site) }
        try IOError.wrap("rename", path: site) {
            try FileManager.default.moveItem(atPath: work.path, toPath: site)
        }
        return written.sorted()
    }

    /// The regular files of the folders that hold the entries' kernels and initrds and the image's root images.
    static func filesFetched(from iso: ISOImage, entries: [NetbootEntry]) throws -> [String] {
        var folders = Set(entries.flatMap { [$0.kernel] + $0.initrds }.map(parent))
        if let layout = try? LiveLayoutDetector.detect(iso) { folders.formUnion(layout.rootImages.map(parent)) }
        var files: [String] = []
        for folder in folders.sorted() {
            guard let entry = try? iso.entry(at: folder), entry.kind == .directory else { continue }
            files += try iso.list(entry).filter { $0.kind == .regular }.map(\.path)
        }
        return files
    }

    private static func parent(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "/" : folder
    }

    /// Hard-links `source` at `target`, or copies it where the two are on different file systems.
    private static func link(_ source: String, to target: String) throws {
        try makeParent(of: target)
        do {
            try FileManager.default.linkItem(atPath: source, toPath: target)
        } catch {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        }
    }

    /// Copies a regular file's data out of the image (its extents in order) into `target`.
    private static func copy(_ entry: ISOEntry, of iso: ISOImage, to target: String) throws {
        try makeParent(of: target)
        let output = try IOError.wrap("create", path: target) {
            try FileDescriptor.open(
                FilePath(target), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
        defer { try? output.close() }
        var offset: Int64 = 0
        for extent in entry.extents where offset < entry.size {
            let count = min(Int64(extent.length), entry.size - offset)
            try FileCopier.copy(
                from: iso.reader.descriptor, at: extent.byteOffset, path: iso.path, to: output, at: offset, path: target,
                count: count)
            offset += count
        }
    }

    private static func makeParent(of path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    }
}
