import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 GET over a blocking socket that can be paused: `init` returns once the response headers and
/// the first body bytes have arrived; `finish()` reads the rest. For the test of an ISO replaced mid-download.
struct RawDownload {
    let socket: Int32
    var received: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(port: Int, path: String) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        received = []
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == request.count else {
            throw Failure(description: "send: errno \(errno)")
        }
        while headerEnd == nil || received.count <= headerEnd ?? 0 {
            guard try readSome() else { throw Failure(description: "connection closed before the body") }
        }
    }

    /// The offset just past `\r\n\r\n`, once received.
    var headerEnd: Int? { received.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound }

    /// Reads what is available; false at end of stream.
    mutating func readSome() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw Failure(description: "recv: errno \(errno)") }
        received += buffer[0..<count]
        return count > 0
    }

    /// Reads to the end and returns the body.
    consuming func finish() throws -> [UInt8] {
        defer { close(socket) }
        while try readSome() {}
        return Array(received[(headerEnd ?? received.count)...])
    }
}
