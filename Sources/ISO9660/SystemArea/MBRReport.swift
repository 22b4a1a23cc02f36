import DiskFormats

/// The master boot record of an image (UEFI 2.10 §5.2), for `isokit inspect`.
public struct MBRReport: Hashable, Sendable, Codable {
    /// The disk signature at byte 440.
    public var diskSignature: UInt32
    /// Whether a `0xEE` partition marks the MBR as protective (the image has a GPT).
    public var isProtective: Bool
    /// Whether bytes 0–439 hold anything but zeros.
    public var hasBootCode: Bool
    /// The used slots.
    public var partitions: [MBRPartitionReport]

    /// The report of `mbr`.
    public init(_ mbr: MasterBootRecord) {
        diskSignature = mbr.diskSignature
        isProtective = mbr.isProtective
        hasBootCode = mbr.bootCode[0..<440].contains { $0 != 0 }
        partitions = mbr.partitions.enumerated().filter { !$0.element.isEmpty }.map {
            MBRPartitionReport($0.element, slot: $0.offset + 1)
        }
    }
}
