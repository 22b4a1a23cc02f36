import BinaryIO
import Synchronization

/// An ISO 9660 image opened read-only: its volume descriptors, namespaces and directory trees.
///
/// Nothing in the image is trusted: every extent is checked against the file size, directory and continuation
/// chains are bounded, and loops are reported as errors. Only metadata is read into memory.
public final class ISOImage: Sendable {
    /// The path the image was opened from.
    public let path: String
    /// Positional access to the image file.
    public let reader: ImageReader
    /// The primary volume descriptor (ECMA-119 §8.4).
    public let primary: VolumeDescriptor
    /// The Joliet supplementary volume descriptor, if the image has one.
    public let joliet: VolumeDescriptor?
    /// The El Torito boot record, if the image has one.
    public let bootRecord: BootRecordVolumeDescriptor?
    /// The type of every volume descriptor in the set, in order, ending with the terminator.
    public let descriptorTypes: [VolumeDescriptorType]
    /// SUSP bytes to skip at the start of each system use field (SP entry), `nil` without SUSP.
    public let suspSkipBytes: Int?
    /// The Rock Ridge extension identifier from the ER entry (e.g. `RRIP_1991A`), `nil` if none.
    public let rockRidgeIdentifier: String?
    /// The namespace listings use (never ``Namespace/auto``).
    public let namespace: Namespace
    /// Directory listings already parsed, by directory path and extent, so walking the tree again (the boot setup
    /// capture and the remaster's tree both do) reads and decodes nothing twice; bounded by ``listingCacheLimit``.
    private let listings = Mutex<(byDirectory: [String: [ISOEntry]], entries: Int)>(([:], 0))

    /// The most entries the listing cache keeps; listings past it are parsed again when asked for.
    public static let listingCacheLimit = 1 << 20

    /// Volume descriptors are read from sector 16 up to this many sectors before giving up (ECMA-119 §8.3).
    public static let descriptorLimit = 256

    /// Opens the image at `path`.
    /// - Parameters:
    ///   - path: The image file; opened read-only.
    ///   - namespace: Which tree names files; ``Namespace/auto`` prefers Rock Ridge, then Joliet.
    /// - Throws: ``ImageError`` wrapping ``ISO9660Error`` or ``IOError``.
    public init(path: String, namespace: Namespace = .auto) throws {
        self.path = path
        let reader = try ImageError.wrap(image: path) { try ImageReader(path: path) }
        self.reader = reader
        let set = try ImageError.wrap(image: path) { try VolumeDescriptorSet.read(from: reader) }
        primary = set.primary
        joliet = set.joliet
        bootRecord = set.bootRecord
        descriptorTypes = set.types
        let probe = try ImageError.wrap(image: path) { try RockRidgeProbe.probe(reader: reader, root: set.primary) }
        suspSkipBytes = probe.skipBytes
        rockRidgeIdentifier = probe.extensionIdentifier
        switch namespace {
        case .auto: self.namespace = probe.hasRockRidge ? .rockRidge : (set.joliet != nil ? .joliet : .iso9660)
        case .joliet where set.joliet == nil, .rockRidge where !probe.hasRockRidge:
            throw ImageError(image: path, underlying: ISO9660Error.missingNamespace(namespace))
        default: self.namespace = namespace
        }
    }

    /// True when the primary tree carries Rock Ridge entries.
    public var hasRockRidge: Bool { suspSkipBytes != nil }

    /// The root directory of the chosen namespace.
    public func root() -> ISOEntry {
        let descriptor = namespace == .joliet ? (joliet ?? primary) : primary
        let record = descriptor.rootDirectoryRecord
        return ISOEntry(
            name: "", path: "/", kind: .directory, size: Int64(record.dataLength),
            extents: [Extent(lba: record.extentLBA, length: record.dataLength)], mode: 0o040555,
            modificationTime: record.recordingDate.unixTime, recordOffset: 0, hidden: false)
    }

    /// The entries of `directory`, in the order of their records, without `.` and `..`.
    /// - Throws: ``ImageError`` for damaged records, extents past the end, continuation loops and unsafe names.
    public func list(_ directory: ISOEntry) throws -> [ISOEntry] {
        guard directory.kind == .directory else {
            throw ImageError(image: path, underlying: ISO9660Error.notADirectory(path: directory.path))
        }
        let key = "\(directory.extents.first?.lba ?? 0):\(directory.path)"
        if let cached = listings.withLock({ $0.byDirectory[key] }) { return cached }
        let entries = try ImageError.wrap(image: path) { try DirectoryParser(image: self).entries(of: directory) }
        listings.withLock { cache in
            guard cache.entries + entries.count <= Self.listingCacheLimit else { return }
            cache.byDirectory[key] = entries
            cache.entries += entries.count
        }
        return entries
    }

    /// The entry at an absolute `path` inside the image (`/` is the root). Name matching is exact.
    /// - Throws: ``ISO9660Error/notFound(path:)`` (wrapped in ``ImageError``) when a component is missing.
    public func entry(at path: String) throws -> ISOEntry {
        var current = root()
        for component in path.split(separator: "/") where component != "." {
            guard current.kind == .directory else {
                throw ImageError(image: self.path, underlying: ISO9660Error.notADirectory(path: current.path))
            }
            guard let next = try list(current).first(where: { $0.name == component }) else {
                let missing = current.path == "/" ? "/\(component)" : "\(current.path)/\(component)"
                throw ImageError(image: self.path, underlying: ISO9660Error.notFound(path: missing))
            }
            current = next
        }
        return current
    }

    /// Visits `start` and everything below it, parents before children, each directory's entries in record order.
    ///
    /// Each directory extent is read once; meeting one again is reported as a loop.
    /// - Throws: ``ISO9660Error/directoryLoop(path:extent:)`` and anything ``list(_:)`` throws, or what `visit` throws.
    public func walk(from start: ISOEntry, _ visit: (ISOEntry) throws -> Void) throws {
        var seen: Set<UInt32> = []
        var stack = [start]
        while let entry = stack.popLast() {
            try visit(entry)
            guard entry.kind == .directory else { continue }
            let extent = entry.extents.first?.lba ?? 0
            guard seen.insert(extent).inserted else {
                throw ImageError(image: path, underlying: ISO9660Error.directoryLoop(path: entry.path, extent: extent))
            }
            stack.append(contentsOf: try list(entry).reversed())
        }
    }
}
