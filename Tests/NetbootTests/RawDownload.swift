import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 GET over a blocking socket that can be paused: `init` returns once the response headers and
/// the first body bytes have arrived; `finish()` reads the rest. For the test of an ISO replaced mid-download.
struct RawDownload {
    let socket: Int32
    var received: [UInt8]

    init(port: Int, path: String) throws {
        let socket = try RawSocket.connect(port: port)
        self.socket = socket
        received = []
        try RawSocket.send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        while headerEnd == nil || received.count <= headerEnd ?? 0 {
            guard try readSome() else { throw RawSocket.Failure(description: "connection closed before the body") }
        }
    }

    /// The offset just past `\r\n\r\n`, once received.
    var headerEnd: Int? { received.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound }

    /// Reads what is available; false at end of stream.
    mutating func readSome() throws -> Bool {
        let bytes = try RawSocket.receive(socket)
        received += bytes
        return !bytes.isEmpty
    }

    /// Reads to the end and returns the body.
    consuming func finish() throws -> [UInt8] {
        defer { close(socket) }
        while try readSome() {}
        return Array(received[(headerEnd ?? received.count)...])
    }
}
