import Subprocess
import SystemPackage

/// Makes an ext4 file system inside a disk-image file with `mkfs.ext4 -E offset=`, without root or loop devices.
public enum Ext4Formatter {
    /// The longest label ext4 stores (bytes).
    public static let maximumLabelBytes = 16

    /// Formats `bytes` bytes of `file` from `offset` as ext4 labelled `label`.
    ///
    /// The root directory belongs to root (`root_owner=0:0`), not to whoever runs the tool; nothing is discarded
    /// (`nodiscard`), so the rest of the file is left alone.
    ///
    /// - Parameters:
    ///   - file: A regular file at least `offset + bytes` long.
    ///   - offset: Where the file system starts; a multiple of 512.
    ///   - bytes: Its size; a multiple of 4096.
    ///   - label: At most 16 bytes.
    /// - Throws: ``DiskWriteError/toolFailed(command:status:message:)`` if mkfs.ext4 cannot start or fails.
    public static func format(file: String, offset: Int64, bytes: Int64, label: String) async throws(DiskWriteError) {
        let arguments = [
            "-q", "-F", "-t", "ext4", "-L", label, "-E", "offset=\(offset),root_owner=0:0,nodiscard", file,
            "\(bytes / 1024)k",
        ]
        let command = (["mkfs.ext4"] + arguments).joined(separator: " ")
        do {
            let result = try await Subprocess.run(
                .name("mkfs.ext4"), arguments: Arguments(arguments), input: .none, output: .string(limit: 1 << 20),
                error: .string(limit: 1 << 20))
            guard case .exited(0) = result.terminationStatus else {
                let message = result.standardError.split(separator: "\n").suffix(3).joined(separator: " ")
                throw DiskWriteError.toolFailed(command: command, status: "\(result.terminationStatus)", message: message)
            }
        } catch let error as DiskWriteError {
            throw error
        } catch {
            throw .toolFailed(command: command, status: "could not start", message: "\(error)")
        }
    }
}
