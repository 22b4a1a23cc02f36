import Foundation
import SquashFS

/// The live root as its init stacks it — patch directories over the squashfs layers, highest first — read
/// without unpacking anything: lookups follow symlinks inside the root, never on the host.
struct RootView {
    /// What a path in the root is.
    enum Node {
        /// An entry of a host patch directory (`host` is its host path).
        case host(path: String, mode: UInt32, linkTarget: String?)
        /// An entry of a squashfs layer.
        case image(layer: Int, entry: SquashFSEntry)

        var mode: UInt32 {
            switch self {
            case .host(_, let mode, _): mode
            case .image(_, let entry): entry.mode
            }
        }
        var linkTarget: String? {
            switch self {
            case .host(_, _, let target): target
            case .image(_, let entry): entry.linkTarget
            }
        }
        var isRegularFile: Bool { mode & 0o170000 == 0o100000 }
    }

    /// Host patch directories, highest first.
    let patches: [String]
    /// The squashfs layers, highest first.
    let layers: [SquashFSImageSource]
    /// Each layer's entries by path, loaded on first use.
    private var listings: [Int: [String: SquashFSEntry]] = [:]

    init(patches: [String], layers: [SquashFSImageSource]) {
        self.patches = patches
        self.layers = layers
    }

    /// The entry at `path` (no leading slash), not following a final symlink; `nil` if no layer has it.
    mutating func lookup(_ path: String) throws -> Node? {
        for patch in patches {
            let host = patch + "/" + path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: host),
                let permissions = attributes[.posixPermissions] as? Int
            else { continue }
            let type = attributes[.type] as? FileAttributeType
            let typeBits: UInt32 =
                switch type {
                case .typeDirectory?: 0o040000
                case .typeSymbolicLink?: 0o120000
                default: 0o100000
                }
            var target: String?
            if type == .typeSymbolicLink { target = try FileManager.default.destinationOfSymbolicLink(atPath: host) }
            return .host(path: host, mode: typeBits | UInt32(permissions), linkTarget: target)
        }
        for index in layers.indices {
            if listings[index] == nil {
                listings[index] = Dictionary(
                    try SquashFSReader.entries(of: layers[index]).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            }
            if let entry = listings[index]?[path] { return .image(layer: index, entry: entry) }
        }
        return nil
    }

    /// `path` with every symlink in it resolved inside the root (at most 40 links); `nil` if a step is missing or
    /// the links loop.
    mutating func resolve(_ path: String) throws -> String? {
        var pending = path.split(separator: "/").map(String.init)
        var resolved: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = (resolved + [component]).joined(separator: "/")
            guard let node = try lookup(candidate) else { return nil }
            if let target = node.linkTarget {
                hops += 1
                guard hops <= 40 else { return nil }
                if target.hasPrefix("/") { resolved = [] }
                pending = target.split(separator: "/").map(String.init) + pending
            } else {
                resolved.append(component)
            }
        }
        return resolved.joined(separator: "/")
    }

    /// The resolved path and node of a regular file, or `nil` if `path` is not one.
    mutating func file(_ path: String) throws -> (path: String, node: Node)? {
        guard let resolved = try resolve(path), let node = try lookup(resolved), node.isRegularFile else { return nil }
        return (resolved, node)
    }

    /// The bytes of a regular file found by ``file(_:)``.
    func contents(of node: Node, path: String) throws -> [UInt8] {
        switch node {
        case .host(let host, _, _): return Array(try Data(contentsOf: URL(fileURLWithPath: host)))
        case .image(let layer, _): return try SquashFSReader.contents(of: path, in: layers[layer], limitBytes: 16 << 20)
        }
    }
}
