import Foundation

/// Decides whether a block device may be overwritten: not if it, one of its partitions, or a device stacked on
/// them is mounted or holds `/`.
///
/// It reads `/proc/self/mountinfo` and `/sys/class/block`; both roots are parameters so tests can give fake trees.
public struct BlockDeviceGuard: Hashable, Sendable {
    /// Where `self/mountinfo` is read from.
    public var procRoot: String
    /// Where `class/block` and `dev/block` are read from.
    public var sysRoot: String

    /// Creates a guard over the given trees (the live system's by default).
    public init(procRoot: String = "/proc", sysRoot: String = "/sys") {
        self.procRoot = procRoot
        self.sysRoot = sysRoot
    }

    /// The kernel name (`sdb`, `nvme0n1`) of the block device `major:minor`, from `dev/block/MAJ:MIN`.
    ///
    /// - Returns: The name, or `nil` if sysfs does not know the number.
    public func name(major: UInt32, minor: UInt32) -> String? {
        let link = "\(sysRoot)/dev/block/\(major):\(minor)"
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        return target.split(separator: "/").last.map(String.init)
    }

    /// Checks the device called `name` before it is overwritten.
    ///
    /// - Parameters:
    ///   - name: The kernel name, e.g. `sdb`.
    ///   - path: The path the user gave, for the messages.
    /// - Throws: ``DiskWriteError/holdsRoot(path:device:)`` if it or a partition or holder is mounted on `/`,
    ///   ``DiskWriteError/mounted(path:device:mountPoint:)`` if any is mounted elsewhere,
    ///   ``DiskWriteError/inUse(path:device:holder:)`` if another device is stacked on it, and
    ///   ``DiskWriteError/unknownTarget(path:reason:)`` if sysfs has no such block device.
    public func check(name: String, path: String) throws(DiskWriteError) {
        let base = "\(sysRoot)/class/block/\(name)"
        guard FileManager.default.fileExists(atPath: base + "/dev") else {
            throw .unknownTarget(path: path, reason: "no block device \(name) in \(sysRoot)/class/block")
        }
        let family = [name] + partitions(of: name)
        let mounts = MountInfoEntry.parse((try? String(contentsOfFile: procRoot + "/self/mountinfo", encoding: .utf8)) ?? "")
        var seen: Set<String> = []
        var queue = family
        while let device = queue.first {
            queue.removeFirst()
            guard seen.insert(device).inserted else { continue }
            let number = (try? String(contentsOfFile: "\(sysRoot)/class/block/\(device)/dev", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let hits = mounts.filter { ($0.device == number && number != nil) || $0.source == "/dev/\(device)" }
            if hits.contains(where: { $0.mountPoint == "/" }) { throw .holdsRoot(path: path, device: device) }
            if let hit = hits.first { throw .mounted(path: path, device: device, mountPoint: hit.mountPoint) }
            let holders = (try? FileManager.default.contentsOfDirectory(atPath: "\(sysRoot)/class/block/\(device)/holders")) ?? []
            queue += holders.sorted()
        }
        // Checked after the mounts, so a mounted device-mapper volume is reported as the mount it is.
        for device in family {
            let holders = (try? FileManager.default.contentsOfDirectory(atPath: "\(sysRoot)/class/block/\(device)/holders")) ?? []
            if let holder = holders.sorted().first { throw .inUse(path: path, device: device, holder: holder) }
        }
    }

    /// The partitions of the disk `name`: its subdirectories that have a `partition` file.
    public func partitions(of name: String) -> [String] {
        let base = "\(sysRoot)/class/block/\(name)"
        let children = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return children.sorted().filter { FileManager.default.fileExists(atPath: "\(base)/\($0)/partition") }
    }
}
