import Foundation
import Netboot
import TestSupport
import Testing

/// `netboot serve` on the wire: pipelined requests, request bodies, HTTP/1.0, and heads it refuses — sent over a
/// plain socket, since curl sends none of these.
@Suite("NetbootConnection", .serialized)
struct NetbootConnectionTests {
    /// One response read off the wire.
    struct Response {
        var statusLine: String
        var headers: [String: String]
        var body: String
    }

    /// Splits what the server sent into responses; `heads` says which answer HEAD requests (they have no body).
    static func responses(_ text: String, heads: Set<Int> = []) throws -> [Response] {
        var rest = Substring(text)
        var responses: [Response] = []
        while !rest.isEmpty {
            let end = try #require(rest.range(of: "\r\n\r\n"), "a head in \(rest.prefix(200))")
            let lines = rest[..<end.lowerBound].components(separatedBy: "\r\n")
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                let colon = try #require(line.firstIndex(of: ":"))
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = heads.contains(responses.count) ? 0 : try #require(Int(headers["content-length"] ?? ""))
            let body = rest[end.upperBound...].utf8.prefix(length)
            responses.append(Response(statusLine: lines[0], headers: headers, body: String(decoding: body, as: UTF8.self)))
            rest = Substring(rest[end.upperBound...].utf8.dropFirst(length))
        }
        return responses
    }

    static func withServer(
        idleTimeout: Duration = .seconds(60), _ body: @Sendable @escaping (Int) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-wire") { directory in
            let folder = try NetbootServerTests.folder(in: directory)
            let options = NetbootServerOptions(
                directory: folder, host: "127.0.0.1", port: 0, accessLog: false, rescanInterval: .zero,
                idleTimeout: idleTimeout)
            try await NetbootServerTests.withServer(options: options, body)
        }
    }

    @Test("pipelined requests (one prepared off the event loop, one with a body to skip) are answered in order")
    func pipelined() async throws {
        try await Self.withServer { port in
            let sent = try RawSocket.exchange(port: port, """
                HEAD /iso/data/data/blob.bin HTTP/1.1\r\nHost: a\r\n\r\n\
                GET /iso/data/live/layers.list HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello\
                \r\nGET /boot.ipxe HTTP/1.1\r\nhost: a:9\r\n\r\n\
                GET /iso/data.iso HTTP/1.1\r\nHost: a\r\nRange: bytes=32768-32773\r\nConnection: close\r\n\r\n
                """)
            let responses = try Self.responses(sent, heads: [0])
            try #require(responses.count == 4)
            #expect(responses.map(\.statusLine) == [
                "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 206 Partial Content",
            ])
            #expect(responses[0].headers["content-length"] == String(600 << 10))
            #expect(responses[1].body == "00-base.squashfs\n")
            #expect(responses[2].body.hasPrefix("#!ipxe\n") && responses[2].body.contains("http://a:9/iso/data/"))
            #expect(responses[3].body == "\u{1}CD001" && responses[3].headers["connection"] == "close")
            #expect(responses[..<3].allSatisfy { $0.headers["connection"] == nil })
        }
    }

    @Test("a malformed head after good ones: those are answered, then a 400 naming the bad byte, then the connection closes")
    func refusedAfterGood() async throws {
        try await Self.withServer { port in
            let sent = try RawSocket.exchange(port: port, """
                HEAD /iso/data/data/blob.bin HTTP/1.1\r\nHost: a\r\n\r\n\
                GET /iso/data/live/layers.list HTTP/1.1\r\nHost: a\r\n\r\n\
                GET / HTTP/1.1\r\nHost : a\r\n\r\n\
                GET /boot.ipxe HTTP/1.1\r\nHost: a\r\n\r\n
                """)
            let responses = try Self.responses(sent, heads: [0])
            #expect(responses.map(\.statusLine) == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"])
            #expect(responses.last?.body == "bad request: a header name holds a character that is not allowed (byte 20 of the request)\n")
            #expect(responses.last?.headers["connection"] == "close")
        }
    }

    @Test("each refused head gets its status and the connection closes", arguments: [
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP/1.1 501 Not Implemented"),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "x", count: 20 << 10) + "\r\n\r\n",
         "HTTP/1.1 431 Request Header Fields Too Large"),
        ("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request"),
    ])
    func refused(request: String, statusLine: String) async throws {
        try await Self.withServer { port in
            let responses = try Self.responses(try RawSocket.exchange(port: port, request))
            #expect(responses.map(\.statusLine) == [statusLine])
            #expect(responses.first?.headers["connection"] == "close")
        }
    }

    @Test("HTTP/1.0 closes unless it asks for keep-alive; another method gets 405 and the connection stays open")
    func versionsAndMethods() async throws {
        try await Self.withServer { port in
            let plain = try Self.responses(try RawSocket.exchange(port: port, "GET /iso/data/live/layers.list HTTP/1.0\r\n\r\n"))
            #expect(plain.map(\.statusLine) == ["HTTP/1.0 200 OK"])
            #expect(plain.first?.headers["connection"] == "close")
            let kept = try Self.responses(try RawSocket.exchange(port: port, """
                GET /iso/data/live/layers.list HTTP/1.0\r\nConnection: keep-alive\r\n\r\n\
                POST /boot.ipxe HTTP/1.0\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nhi\
                GET /iso/data/live/layers.list HTTP/1.0\r\n\r\n
                """))
            #expect(kept.map(\.statusLine) == ["HTTP/1.0 200 OK", "HTTP/1.0 405 Method Not Allowed", "HTTP/1.0 200 OK"])
            #expect(kept.map { $0.headers["connection"] } == ["keep-alive", "keep-alive", "close"])
            #expect(kept[1].headers["allow"] == "GET, HEAD")
        }
    }

    @Test("a connection idle past --idle-timeout is closed: silent, a head cut short, or kept alive after a response")
    func idle() async throws {
        try await Self.withServer(idleTimeout: .seconds(1)) { port in
            for request in ["", "GET /boot.ipxe HT", "GET /iso/data/live/layers.list HTTP/1.1\r\nHost: a\r\n\r\n"] {
                let socket = try RawSocket.connect(port: port)
                defer { close(socket) }
                if !request.isEmpty { try RawSocket.send(socket, request) }
                let started = ContinuousClock.now
                var received: [UInt8] = []
                // The server closes within two checks (2 s); the socket's own receive timeout (10 s) fails the test.
                while case let bytes = try RawSocket.receive(socket), !bytes.isEmpty { received += bytes }
                #expect(ContinuousClock.now - started >= .milliseconds(900), "\(request)")
                #expect(String(decoding: received, as: UTF8.self).hasSuffix(request.isEmpty || request.hasSuffix("HT") ? "" : "00-base.squashfs\n"))
                #expect(received.isEmpty == !request.hasSuffix("\r\n\r\n"), "\(request)")
            }
        }
    }
}
