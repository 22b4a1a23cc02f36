import BootConfig
import Foundation
import ISO9660
import LiveSystem

/// The ISOs of a folder, each with its boot entries and how it netboots: what `isokit netboot serve` offers and
/// `isokit netboot catalog` prints.
///
/// ```swift
/// let catalog = try NetbootCatalog.scan(directory: "/srv/isos")
/// let menu = try catalog.resolved(baseURL: "http://192.0.2.1:8080").menu().render()
/// ```
public struct NetbootCatalog: Hashable, Sendable, Codable {
    /// The folder that was scanned.
    public var directory: String
    /// The base URL the entries' targets were resolved against; `nil` before ``resolved(baseURL:extraParameters:)``.
    public var baseURL: String?
    /// The images, by file name.
    public var images: [NetbootImage]

    /// Creates a catalog.
    public init(directory: String, baseURL: String? = nil, images: [NetbootImage]) {
        self.directory = directory
        self.baseURL = baseURL
        self.images = images
    }

    /// Scans `directory` (not its subfolders) for `*.iso` files and reads each one's layout and menus.
    ///
    /// An ISO that can't be read at all, or has neither a network-capable family nor a memdisk entry, is listed
    /// with ``NetbootImage/notNetbootable`` saying why.
    /// - Throws: ``NetbootError/unreadableDirectory(path:reason:)`` if the folder can't be listed.
    public static func scan(directory: String, options: NetbootCatalogOptions = NetbootCatalogOptions()) throws
        -> NetbootCatalog
    {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw NetbootError.unreadableDirectory(path: directory, reason: String(describing: error))
        }
        var used: Set<String> = []
        var images: [NetbootImage] = []
        for file in files.sorted() where file.lowercased().hasSuffix(".iso") && !file.hasPrefix(".") {
            let path = directory + "/" + file
            guard let identity = FileIdentity.of(path) else { continue }
            var name = NetbootImage.urlName(for: file)
            var suffix = 2
            while !used.insert(name).inserted {
                name = NetbootImage.urlName(for: file) + "-\(suffix)"
                suffix += 1
            }
            images.append(NetbootImageReader.read(path: path, file: file, name: name, identity: identity, options: options))
        }
        return NetbootCatalog(directory: directory, images: images)
    }

    /// The image with URL name `name`.
    public func image(named name: String) -> NetbootImage? { images.first { $0.name == name } }

    /// The catalog with every entry's ``NetbootEntry/target`` filled in for clients reaching the server at
    /// `baseURL` (`http://host:port`, no trailing slash needed).
    /// - Parameters:
    ///   - baseURL: What scripts and kernel parameters use to reach this server.
    ///   - extraParameters: Words appended to every entry's command line (`--append`).
    public func resolved(baseURL: String, extraParameters: [String] = []) -> NetbootCatalog {
        var copy = self
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        copy.baseURL = base
        for index in copy.images.indices {
            let image = copy.images[index]
            guard let method = image.method else { continue }
            let folder = "\(base)/iso/\(image.name)/"
            let whole = "\(base)/iso/\(image.name).iso"
            for entryIndex in image.entries.indices {
                let entry = image.entries[entryIndex]
                let target: IPXEBootTarget
                if method == .memdisk {
                    target = IPXEBootTarget(kernel: base + "/memdisk", initrds: [whole], parameters: ["iso", "raw"])
                } else {
                    let words = method.parameters(own: entry.menuParameters, imageURL: folder, wholeURL: whole)
                    target = IPXEBootTarget(
                        kernel: folder + entry.kernel.dropFirst(), initrds: entry.initrds.map { folder + $0.dropFirst() },
                        parameters: words + extraParameters)
                }
                copy.images[index].entries[entryIndex].target = target
            }
        }
        return copy
    }

    /// The iPXE menu of a resolved catalog: a heading per image, an item per entry; the default is the first
    /// image's default entry.
    /// - Parameter timeoutSeconds: Seconds before the default boots.
    /// - Throws: ``NetbootError/invalidScript(reason:)`` if a title or parameter can't be written in iPXE.
    public func menu(timeoutSeconds: Int = 5) throws -> IPXEMenu {
        var items: [IPXEMenuItem] = []
        var defaultLabel: String?
        for (imageIndex, image) in images.enumerated() where image.notNetbootable == nil {
            let heading = image.family.map { "\(image.file) (\($0))" } ?? "\(image.file) (\(image.method?.name ?? ""))"
            items.append(.gap(heading))
            for (entryIndex, entry) in image.entries.enumerated() {
                guard let target = entry.target else { continue }
                let label = "i\(imageIndex)e\(entryIndex)"
                items.append(.boot(label: label, title: entry.title, target: target))
                if defaultLabel == nil && entry.isDefault { defaultLabel = label }
            }
        }
        if defaultLabel == nil, let first = items.lazy.compactMap({ item -> String? in
            if case let .boot(label, _, _) = item { return label }
            return nil
        }).first {
            defaultLabel = first
        }
        let menu = IPXEMenu(
            title: "isokit netboot", items: items, defaultLabel: defaultLabel, timeoutSeconds: timeoutSeconds)
        do {
            _ = try menu.script()
        } catch {
            throw NetbootError.invalidScript(reason: error.description)
        }
        return menu
    }
}
