/// Which partition table a hybrid image carries.
public enum PartitionScheme: String, Hashable, Sendable, Codable, CaseIterable {
    /// A protective MBR and a GPT with a backup at the end (UEFI 2.10 §5.2.3, §5.3): the default.
    case gpt
    /// MBR partitions only (ISO data active, ESP as type 0xEF), for firmware that will not boot a protective MBR.
    case mbr
}
