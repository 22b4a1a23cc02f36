import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Plain blocking TCP to the server under test on 127.0.0.1, for requests curl won't send (pipelined, malformed).
enum RawSocket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A connected socket; reads give up after 10 s.
    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "connect: errno \(errno)")
        }
        return socket
    }

    /// What one `recv` returns; empty at the end of the stream.
    static func receive(_ socket: Int32) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw Failure(description: "recv: errno \(errno)") }
        return Array(buffer[0..<count])
    }

    /// Sends `text` in one piece.
    static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw Failure(description: "send: errno \(errno)")
        }
    }

    /// Sends `request` in one piece and returns everything the server sends until it closes the connection.
    static func exchange(port: Int, _ request: String) throws -> String {
        let socket = try connect(port: port)
        defer { close(socket) }
        try send(socket, request)
        var received: [UInt8] = []
        while case let bytes = try receive(socket), !bytes.isEmpty { received += bytes }
        return String(decoding: received, as: UTF8.self)
    }
}
