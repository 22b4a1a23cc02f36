import Foundation
import Hummingbird
import Synchronization

/// One line per request on standard error, written once the body has been sent (or has failed):
/// `METHOD PATH STATUS BYTES MILLISECONDS`, with `aborted` after a response cut short.
enum AccessLog {
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
    static func wrap(_ response: Response, method: String, path: String, started: ContinuousClock.Instant) -> Response {
        var response = response
        let body = response.body
        let status = response.status.code
        let printable = String(path.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            let counter = Counter()
            do {
                try await body.write(CountingWriter(base: writer, counter: counter))
            } catch {
                write(method, printable, status, counter.bytes.withLock { $0 }, started, note: " aborted")
                throw error
            }
            write(method, printable, status, counter.bytes.withLock { $0 }, started, note: "")
        }
        return response
    }

    static func write(
        _ method: String, _ path: String, _ status: Int, _ bytes: Int64, _ started: ContinuousClock.Instant, note: String
    ) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let line = "\(method) \(path) \(status) \(bytes) " + String(format: "%.1fms", milliseconds) + note + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
