import BinaryIO

/// Why `isokit write` refused a target or failed; every case names the path it is about.
public enum DiskWriteError: Error, Hashable, Sendable {
    /// The target is neither an existing block device nor a file path in an existing directory.
    case unknownTarget(path: String, reason: String)
    /// The target is the image itself (same device and inode).
    case targetIsImage(path: String)
    /// The target exists and `force` was not given.
    case targetExists(path: String, kind: String, bytes: Int64)
    /// The block device is smaller than the image.
    case targetTooSmall(path: String, bytes: Int64, needed: Int64)
    /// The device, or one of its partitions or holders, is mounted.
    case mounted(path: String, device: String, mountPoint: String)
    /// The device holds the running system's root file system.
    case holdsRoot(path: String, device: String)
    /// Another device is stacked on it (device mapper, RAID, LVM).
    case inUse(path: String, device: String, holder: String)
    /// `--size` was given for a block device, whose size is fixed.
    case sizeOnBlockDevice(path: String)
    /// `--size` is too small for the image and a persistence partition, or not whole sectors.
    case badSize(path: String, size: Int64, reason: String)
    /// The image has no partition table a persistence partition could be added to.
    case noPartitionTable(image: String, reason: String)
    /// The persistence label cannot be an ext4 label and GPT partition name.
    case badLabel(label: String, reason: String)
    /// A helper program failed.
    case toolFailed(command: String, status: String, message: String)
    /// What was read back differs from what was written.
    case verifyMismatch(path: String, expectedSHA256: String, writtenSHA256: String)
}

extension DiskWriteError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknownTarget(path, reason): "\(path): not a block device or disk-image file path: \(reason)"
        case let .targetIsImage(path): "\(path): the target is the image itself"
        case let .targetExists(path, kind, bytes):
            "\(path): \(kind) of \(bytes) bytes exists; pass --force to overwrite it"
        case let .targetTooSmall(path, bytes, needed): "\(path): \(bytes) bytes, too small for the image's \(needed)"
        case let .mounted(path, device, mountPoint): "\(path): \(device) is mounted on \(mountPoint)"
        case let .holdsRoot(path, device): "\(path): \(device) holds the running system's root file system"
        case let .inUse(path, device, holder): "\(path): \(device) is in use by \(holder)"
        case let .sizeOnBlockDevice(path): "\(path): --size is for disk-image files; a block device keeps its size"
        case let .badSize(path, size, reason): "\(path): --size \(size): \(reason)"
        case let .noPartitionTable(image, reason): "\(image): no partition table to add a persistence partition to: \(reason)"
        case let .badLabel(label, reason): "persistence label '\(label)': \(reason)"
        case let .toolFailed(command, status, message): "\(command): \(status): \(message)"
        case let .verifyMismatch(path, expected, written):
            "\(path): verification failed: read back SHA-256 \(written), expected \(expected)"
        }
    }
}
