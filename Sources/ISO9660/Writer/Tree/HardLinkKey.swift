/// Identifies one file on the host that several ``SourceNode``s name (hard links): its device and inode.
///
/// Nodes with equal keys share one extent in the image, and their bytes count once in
/// ``SourceTree/totalFileBytes``.
public struct HardLinkKey: Hashable, Sendable {
    /// `st_dev` of the file.
    public var device: UInt64
    /// `st_ino` of the file.
    public var inode: UInt64

    /// Creates a key for the file with inode `inode` on device `device`.
    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

extension HardLinkKey: CustomStringConvertible {
    public var description: String { "dev \(device) ino \(inode)" }
}
