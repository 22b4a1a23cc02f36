import DiskWrite
import Foundation
import TestSupport
import Testing

/// The refusal logic on fake `/proc` and `/sys` trees: a disk `sdb` (8:16) with partitions `sdb1` (8:17) and
/// `sdb2` (8:18), and a disk `sda` (8:0) with `sda1`.
@Suite("BlockDeviceGuard")
struct BlockDeviceGuardTests {
    /// Builds the trees; `mountinfo` is the text of `proc/self/mountinfo`, `holders` maps a device to its holders.
    static func fakeSystem(in directory: String, mountinfo: String, holders: [String: [String]] = [:]) throws -> BlockDeviceGuard {
        var nodes: [String: FileTree.Node] = ["proc/self/mountinfo": .text(mountinfo)]
        let devices = [("sda", nil, "8:0"), ("sda1", "sda", "8:1"), ("sdb", nil, "8:16"), ("sdb1", "sdb", "8:17"), ("sdb2", "sdb", "8:18")]
        for (name, parent, number) in devices {
            let base = parent.map { "sys/devices/pci/block/\($0)/\(name)" } ?? "sys/devices/pci/block/\(name)"
            nodes[base + "/dev"] = .text(number + "\n")
            if parent != nil { nodes[base + "/partition"] = .text("1\n") }
            for holder in holders[name] ?? [] { nodes[base + "/holders/\(holder)"] = .text("") }
        }
        nodes["sys/devices/virtual/block/dm-0/dev"] = .text("254:0\n")
        try FileTree.write(nodes, under: directory)
        let manager = FileManager.default
        for (name, parent, _) in devices {
            let base = parent.map { "sys/devices/pci/block/\($0)/\(name)" } ?? "sys/devices/pci/block/\(name)"
            try manager.createDirectory(atPath: "\(directory)/\(base)/holders", withIntermediateDirectories: true)
        }
        try manager.createDirectory(atPath: directory + "/sys/class/block", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: directory + "/sys/dev/block", withIntermediateDirectories: true)
        for (name, parent, number) in devices + [("dm-0", nil, "254:0")] {
            let target = name == "dm-0" ? "../../devices/virtual/block/dm-0"
                : "../../devices/pci/block/" + (parent.map { "\($0)/\(name)" } ?? name)
            try manager.createSymbolicLink(atPath: "\(directory)/sys/class/block/\(name)", withDestinationPath: target)
            try manager.createSymbolicLink(atPath: "\(directory)/sys/dev/block/\(number)", withDestinationPath: target)
        }
        return BlockDeviceGuard(procRoot: directory + "/proc", sysRoot: directory + "/sys")
    }

    static let rootOnSda = "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n23 22 0:21 / /proc rw - proc proc rw\n"

    @Test("an unmounted disk passes; sysfs names it by its device number")
    func unmountedPasses() throws {
        let scratch = try TemporaryDirectory()
        let deviceGuard = try Self.fakeSystem(in: scratch.path, mountinfo: Self.rootOnSda)
        #expect(deviceGuard.name(major: 8, minor: 16) == "sdb")
        #expect(deviceGuard.partitions(of: "sdb") == ["sdb1", "sdb2"])
        try deviceGuard.check(name: "sdb", path: "/dev/sdb")
    }

    @Test("the disk holding / is refused, and so is its root partition")
    func rootRefused() throws {
        let scratch = try TemporaryDirectory()
        let deviceGuard = try Self.fakeSystem(in: scratch.path, mountinfo: Self.rootOnSda)
        #expect(throws: DiskWriteError.holdsRoot(path: "/dev/sda", device: "sda1")) {
            try deviceGuard.check(name: "sda", path: "/dev/sda")
        }
        #expect(throws: DiskWriteError.holdsRoot(path: "/dev/sda1", device: "sda1")) {
            try deviceGuard.check(name: "sda1", path: "/dev/sda1")
        }
    }

    @Test("a disk with a mounted partition is refused, by device number or by source name")
    func mountedPartitionRefused() throws {
        let scratch = try TemporaryDirectory()
        let byNumber = try Self.fakeSystem(
            in: scratch.path("a"), mountinfo: Self.rootOnSda + "40 22 8:18 / /media/usb rw - vfat /dev/sdb2 rw\n")
        #expect(throws: DiskWriteError.mounted(path: "/dev/sdb", device: "sdb2", mountPoint: "/media/usb")) {
            try byNumber.check(name: "sdb", path: "/dev/sdb")
        }
        // btrfs reports an anonymous device number; the source still names the partition.
        let bySource = try Self.fakeSystem(
            in: scratch.path("b"), mountinfo: Self.rootOnSda + "40 22 0:45 / /data rw - btrfs /dev/sdb1 rw\n")
        #expect(throws: DiskWriteError.mounted(path: "/dev/sdb", device: "sdb1", mountPoint: "/data")) {
            try bySource.check(name: "sdb", path: "/dev/sdb")
        }
    }

    @Test("a partition held by a device-mapper volume is refused; mounted through it, it is reported as the mount")
    func holdersRefused() throws {
        let scratch = try TemporaryDirectory()
        let held = try Self.fakeSystem(in: scratch.path("a"), mountinfo: Self.rootOnSda, holders: ["sdb1": ["dm-0"]])
        #expect(throws: DiskWriteError.inUse(path: "/dev/sdb", device: "sdb1", holder: "dm-0")) {
            try held.check(name: "sdb", path: "/dev/sdb")
        }
        let mounted = try Self.fakeSystem(
            in: scratch.path("b"), mountinfo: Self.rootOnSda + "41 22 254:0 / /home rw - ext4 /dev/mapper/home rw\n",
            holders: ["sdb1": ["dm-0"]])
        #expect(throws: DiskWriteError.mounted(path: "/dev/sdb", device: "dm-0", mountPoint: "/home")) {
            try mounted.check(name: "sdb", path: "/dev/sdb")
        }
    }

    @Test("a name sysfs does not list is an unknown target")
    func unknownName() throws {
        let scratch = try TemporaryDirectory()
        let deviceGuard = try Self.fakeSystem(in: scratch.path, mountinfo: Self.rootOnSda)
        #expect(throws: DiskWriteError.unknownTarget(path: "/dev/sdz", reason: "no block device sdz in \(scratch.path)/sys/class/block")) {
            try deviceGuard.check(name: "sdz", path: "/dev/sdz")
        }
        #expect(deviceGuard.name(major: 8, minor: 99) == nil)
    }
}
