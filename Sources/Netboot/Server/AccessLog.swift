import BinaryIO
import Foundation
import SystemPackage

/// One line per request on standard error (or a file), written once the response has been sent (or has failed):
/// `METHOD PATH STATUS BYTES MILLISECONDS`, with `aborted` after a response cut short.
enum AccessLog {
    /// Where the lines go: standard error, or a file opened once for appending (each line is one `write`).
    struct Sink: Sendable {
        let descriptor: FileDescriptor
        let ownsDescriptor: Bool

        /// Standard error for `nil`, else `path`, created if missing.
        /// - Throws: ``IOError`` naming the file.
        init(path: String?) throws {
            guard let path else {
                descriptor = .standardError
                ownsDescriptor = false
                return
            }
            descriptor = try IOError.wrap("create", path: path) {
                try FileDescriptor.open(
                    FilePath(path), .writeOnly, options: [.create, .append, .closeOnExec],
                    permissions: [.ownerReadWrite, .groupRead, .otherRead])
            }
            ownsDescriptor = true
        }

        /// Writes one line; a failing log does not fail the request.
        func write(_ line: String) {
            _ = try? descriptor.writeAll(line.utf8)
        }

        /// Closes the file, if one was opened.
        func close() {
            if ownsDescriptor { try? descriptor.close() }
        }
    }

    /// One line: `METHOD PATH STATUS BYTES MILLISECONDS` and `note`; control characters in the path become `?`.
    static func line(
        _ method: String, _ path: String, _ status: Int, _ bytes: Int64, _ started: ContinuousClock.Instant, note: String
    ) -> String {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let printable = String(path.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        return "\(method) \(printable) \(status) \(bytes) " + String(format: "%.1fms", milliseconds) + note + "\n"
    }
}
