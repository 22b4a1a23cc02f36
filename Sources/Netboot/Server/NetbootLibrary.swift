import BinaryIO
import Foundation
import ISO9660
import NIOCore
import NIOPosix
import Synchronization

/// The served folder as the server sees it: the current catalog, rescanned when the folder or one of its ISOs
/// changes, and the images opened so far, each tied to the identity of the file it was opened from.
final class NetbootLibrary: Sendable {
    /// One image opened for reading.
    struct Opened: Sendable {
        /// The identity of the file behind ``reader`` (from `fstat`, so it names exactly these bytes).
        let identity: FileIdentity
        /// The whole file.
        let reader: ImageReader
        /// The ISO 9660 view of the same file, `nil` if it isn't one.
        let iso: ISOImage?
        /// Entries of ``iso`` looked up so far.
        let entries = EntryCache()
    }

    struct State {
        var catalog: NetbootCatalog
        var fingerprint: [String: FileIdentity]
        var checked: ContinuousClock.Instant
        var opened: [String: Opened]
    }

    let directory: String
    let options: NetbootCatalogOptions
    /// How often the folder is looked at again (on the next request after this much time).
    let recheckInterval: Duration
    let state: Mutex<State>

    /// Scans `directory` once.
    /// - Throws: ``NetbootError/unreadableDirectory(path:reason:)``.
    init(directory: String, options: NetbootCatalogOptions, recheckInterval: Duration = .seconds(1)) throws {
        self.directory = directory
        self.options = options
        self.recheckInterval = recheckInterval
        let fingerprint = try Self.fingerprint(of: directory)
        let catalog = try NetbootCatalog.scan(directory: directory, options: options)
        state = Mutex(State(catalog: catalog, fingerprint: fingerprint, checked: .now, opened: [:]))
    }

    /// The folder itself and each `*.iso` in it, by name.
    static func fingerprint(of directory: String) throws -> [String: FileIdentity] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw NetbootError.unreadableDirectory(path: directory, reason: String(describing: error))
        }
        var fingerprint: [String: FileIdentity] = [:]
        fingerprint["."] = FileIdentity.of(directory)
        for file in files where file.lowercased().hasSuffix(".iso") {
            fingerprint[file] = FileIdentity.of(directory + "/" + file)
        }
        return fingerprint
    }

    /// Whether the recheck interval has not passed yet (so the catalog needs no look at the folder).
    func catalogIsCurrent() -> Bool {
        state.withLock { ContinuousClock.now - $0.checked < recheckInterval }
    }

    /// The current catalog; if the recheck interval has passed and the folder changed, it is scanned again first
    /// (on NIO's thread pool, completing on `eventLoop`). Otherwise the future is already complete.
    func catalog(on eventLoop: any EventLoop) -> EventLoopFuture<NetbootCatalog> {
        let (catalog, due) = state.withLock { state in
            let due = ContinuousClock.now - state.checked >= recheckInterval
            if due { state.checked = .now }
            return (state.catalog, due)
        }
        guard due else { return eventLoop.makeSucceededFuture(catalog) }
        return NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) { [self] in
            let fingerprint = try Self.fingerprint(of: directory)
            guard fingerprint != state.withLock({ $0.fingerprint }) else { return catalog }
            let fresh = try NetbootCatalog.scan(directory: directory, options: options)
            state.withLock { state in
                state.catalog = fresh
                state.fingerprint = fingerprint
                state.opened = state.opened.filter { name, opened in
                    fresh.image(named: name)?.identity == opened.identity
                }
            }
            return fresh
        }
    }

    /// The image named `name`, opened for the file now at its path; reused while that file is unchanged (one `stat`
    /// on the event loop), else opened on NIO's thread pool.
    /// - Returns: `nil` if the catalog has no such image or its file is gone.
    func open(_ image: NetbootImage, on eventLoop: any EventLoop) -> EventLoopFuture<Opened?> {
        let path = directory + "/" + image.file
        guard let current = FileIdentity.of(path) else { return eventLoop.makeSucceededFuture(nil) }
        if let opened = state.withLock({ $0.opened[image.name] }), opened.identity == current {
            return eventLoop.makeSucceededFuture(opened)
        }
        return NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) { [self] in
            // Open, then take the identity from the descriptor: whatever replaces the file later, these reads
            // stay on the bytes this identity names.
            let reader = try ImageReader(path: path)
            guard let identity = FileIdentity.of(descriptor: reader.descriptor) else { return nil }
            // A file that is no ISO 9660 image is still served whole (`/iso/NAME.iso`); only paths inside it are 404.
            var iso = try? ISOImage(path: path)
            if let opened = iso, FileIdentity.of(descriptor: opened.reader.descriptor) != identity { iso = nil }
            let opened = Opened(identity: identity, reader: reader, iso: iso)
            state.withLock { $0.opened[image.name] = opened }
            return opened
        }
    }
}
