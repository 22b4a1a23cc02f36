/// fatgen103 §3.5 — The FAT type, which is decided only by the count of data clusters.
public enum FATType: String, Hashable, Sendable, CaseIterable {
    /// 12-bit FAT entries; fewer than 4085 clusters.
    case fat12
    /// 16-bit FAT entries; 4085 to 65524 clusters.
    case fat16
    /// 28-bit FAT entries in 32-bit words; 65525 clusters or more.
    case fat32

    /// The type a volume with `clusterCount` data clusters has (fatgen103 §3.5).
    public init(clusterCount: Int64) {
        if clusterCount < 4085 {
            self = .fat12
        } else if clusterCount < 65525 {
            self = .fat16
        } else {
            self = .fat32
        }
    }

    /// The cluster counts this type allows.
    public var clusterCountRange: ClosedRange<Int64> {
        switch self {
        case .fat12: 1...4084
        case .fat16: 4085...65524
        case .fat32: 65525...0x0FFF_FFF5
        }
    }

    /// Bits per FAT entry.
    public var entryBits: Int {
        switch self {
        case .fat12: 12
        case .fat16: 16
        case .fat32: 32
        }
    }

    /// The smallest FAT entry value that marks the end of a cluster chain.
    public var endOfChain: UInt32 {
        switch self {
        case .fat12: 0xFF8
        case .fat16: 0xFFF8
        case .fat32: 0x0FFF_FFF8
        }
    }

    /// The entry value that marks a bad cluster.
    public var badCluster: UInt32 { endOfChain - 1 }

    /// The 8-byte file system type string of the extended BPB (informational only, fatgen103 §3.2).
    public var label: String {
        switch self {
        case .fat12: "FAT12   "
        case .fat16: "FAT16   "
        case .fat32: "FAT32   "
        }
    }
}
