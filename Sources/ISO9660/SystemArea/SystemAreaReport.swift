import BinaryIO
import DiskFormats

/// The partition tables in an image's system area (ECMA-119 §6.2.1, sectors 0–15): MBR and GPT, for
/// `isokit inspect`.
public struct SystemAreaReport: Hashable, Sendable, Codable {
    /// The MBR, if sector 0 ends with `55 AA`.
    public var mbr: MBRReport?
    /// The GPT (512-byte sectors), if LBA 1 holds `EFI PART`.
    public var gpt: GPTReport?

    /// Creates a report.
    public init(mbr: MBRReport?, gpt: GPTReport?) {
        self.mbr = mbr
        self.gpt = gpt
    }

    /// Reads the MBR and the GPT of an image, and checks the backup GPT.
    ///
    /// - Parameter reader: The image.
    /// - Returns: The report; both parts are `nil` for a plain ISO with an empty system area.
    /// - Throws: ``DiskFormatsError/decode(_:)`` if sector 0 ends with `55 AA` but is not a valid MBR, or the
    ///   primary GPT is damaged (see ``GPTPartitionTable/read(from:sectorSize:)``); ``IOError`` if reading fails.
    ///   A damaged or missing backup GPT is reported in ``GPTReport/backupProblem``.
    public static func read(from reader: ImageReader) throws -> SystemAreaReport {
        var mbr: MBRReport?
        if reader.size >= Int64(MasterBootRecord.size) {
            let sector = try reader.read(at: 0, count: MasterBootRecord.size, structure: "master boot record")
            if sector[510...].elementsEqual(MasterBootRecord.signature) {
                do {
                    mbr = MBRReport(try MasterBootRecord(bytes: sector[...], at: 0))
                } catch {
                    throw DiskFormatsError.decode(error)
                }
            }
        }
        var gpt: GPTReport?
        if let table = try GPTPartitionTable.read(from: reader) {
            var problem: String?
            do {
                let backup = try GPTPartitionTable.readBackup(from: reader, primary: table)
                if backup.entries != table.entries || backup.diskGUID != table.diskGUID {
                    problem = "backup GPT at LBA \(table.header.alternateLBA) lists other partitions than the primary"
                }
            } catch let error as DiskFormatsError {
                problem = error.description
            }
            gpt = GPTReport(table, backupProblem: problem)
        }
        return SystemAreaReport(mbr: mbr, gpt: gpt)
    }
}
