import BinaryIO
import Foundation
import Hummingbird
import Synchronization
import SystemPackage

/// One line per request on standard error (or a file), written once the body has been sent (or has failed):
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

    /// Counts the body bytes a response writes.
    final class Counter: Sendable {
        let bytes = Mutex<Int64>(0)
        func add(_ count: Int) { bytes.withLock { $0 += Int64(count) } }
    }

    /// A writer that counts what passes through it.
    struct CountingWriter: ResponseBodyWriter {
        var base: any ResponseBodyWriter
        let counter: Counter

        mutating func write(_ buffer: ByteBuffer) async throws {
            counter.add(buffer.readableBytes)
            try await base.write(buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
            try await base.finish(trailingHeaders)
        }
    }

    /// `response` with its body wrapped so the line is written when the body is done.
    static func wrap(
        _ response: Response, method: String, path: String, started: ContinuousClock.Instant, to sink: Sink
    ) -> Response {
        var response = response
        let body = response.body
        let status = response.status.code
        let printable = String(path.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            let counter = Counter()
            do {
                try await body.write(CountingWriter(base: writer, counter: counter))
            } catch {
                sink.write(line(method, printable, status, counter.bytes.withLock { $0 }, started, note: " aborted"))
                throw error
            }
            sink.write(line(method, printable, status, counter.bytes.withLock { $0 }, started, note: ""))
        }
        return response
    }

    static func line(
        _ method: String, _ path: String, _ status: Int, _ bytes: Int64, _ started: ContinuousClock.Instant, note: String
    ) -> String {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "\(method) \(path) \(status) \(bytes) " + String(format: "%.1fms", milliseconds) + note + "\n"
    }
}
