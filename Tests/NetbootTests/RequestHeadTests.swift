import TestSupport
import Testing

@testable import Netboot

@Suite("RequestHead")
struct RequestHeadTests {
    static func parse(_ text: String) throws(RequestHeadError) -> RequestHead.Parsed? {
        try RequestHead.parse(Array(text.utf8)[...])
    }

    @Test("wrk's request: method, target, version, fields; the head's length; no body")
    func plain() throws {
        let text = "GET /iso/bench/boot/vmlinuz HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"
        let parsed = try #require(try Self.parse(text + "GET /next"))
        #expect(parsed.head == RequestHead(
            method: "GET", target: "/iso/bench/boot/vmlinuz", fields: [.init(name: "Host", value: "127.0.0.1:8080")]))
        #expect(parsed.headLength == text.utf8.count)
        #expect(parsed.bodyLength == 0)
        #expect(parsed.head.field("host") == "127.0.0.1:8080")
        #expect(parsed.head.field("Range") == nil)
        #expect(parsed.head.keepsAlive)
    }

    @Test("encode then parse gives the same head; blanks around values are dropped; a bare LF ends a line")
    func roundTrip() throws {
        let head = RequestHead(
            method: "HEAD", target: "/iso/a.iso?x=1", minorVersion: 0,
            fields: [.init(name: "Range", value: "bytes=0-1, -5"), .init(name: "If-None-Match", value: "\"a\"")])
        #expect(try RequestHead.parse(head.encode()[...])?.head == head)
        let loose = try #require(try Self.parse("\r\nGET / HTTP/1.1\nHost:  a \t\nX-Empty:\n\n"))
        #expect(loose.head.fields == [.init(name: "Host", value: "a"), .init(name: "X-Empty", value: "")])
        #expect(loose.headLength == 38)
    }

    @Test("every cut short of the empty line asks for more")
    func incomplete() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n".utf8)
        for end in 0..<bytes.count {
            #expect(try RequestHead.parse(bytes[0..<end]) == nil, "\(end) bytes")
        }
        #expect(try RequestHead.parse(bytes[...])?.bodyLength == 3)
    }

    @Test("keep-alive: HTTP/1.1 unless Connection names close; HTTP/1.0 only with keep-alive", arguments: [
        (1, nil, true), (1, "close", false), (1, "Keep-Alive, Close", false), (0, nil, false), (0, "keep-alive", true),
        (0, "Upgrade, Keep-Alive", true),
    ] as [(Int, String?, Bool)])
    func keepAlive(minor: Int, connection: String?, expected: Bool) {
        let fields = connection.map { [RequestHead.Field(name: "connection", value: $0)] } ?? []
        #expect(RequestHead(method: "GET", target: "/", minorVersion: minor, fields: fields).keepsAlive == expected)
    }

    @Test("unconditional: no If-… field and no Range", arguments: [
        ("Host", true), ("Accept", true), ("If-None-Match", false), ("if-modified-since", false), ("RANGE", false),
        ("Ranges", true), ("If", true), ("Iffy", true),
    ])
    func unconditional(name: String, expected: Bool) {
        let head = RequestHead(method: "GET", target: "/", fields: [.init(name: "Host", value: "a"), .init(name: name, value: "x")])
        #expect(head.isUnconditional == expected)
    }

    @Test("malformed heads are refused with the offset of the bad byte", arguments: [
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "a header name holds a character that is not allowed", 20),
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "a folded header line (obsolete line folding)", 25),
        ("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "a CR not followed by LF", 23),
        ("GET / HTTP/1.1\r\nno colon\r\n\r\n", "a header line without a name and colon", 16),
        ("GET / HTTP/1.1\r\n: a\r\n\r\n", "a header line without a name and colon", 16),
        ("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n", "a header value holds a control character", 23),
        ("GET / HTTP/1.1\r\n\r\n", "no Host header", 0),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "more than one Host header", 0),
        ("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", "the request line does not end in HTTP/x.y", 7),
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "no request target in the request line", 4),
        (" GET / HTTP/1.1\r\nHost: a\r\n\r\n", "no method in the request line", 0),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", "a method holds a character that is not allowed", 1),
        ("GET /\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", "the request target holds a space, control or non-ASCII byte", 5),
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different Content-Length values", 44),
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", "Content-Length is not a number", 25),
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n", "Content-Length is not a number", 25),
    ])
    func malformed(text: String, reason: String, offset: Int) {
        #expect(throws: RequestHeadError.malformed(reason: reason, offset: offset)) { try Self.parse(text) }
    }

    @Test("HTTP/1.0 needs no Host; other major versions, chunked bodies and oversized heads get their own status")
    func statuses() throws {
        #expect(try Self.parse("GET / HTTP/1.0\r\n\r\n")?.head.minorVersion == 0)
        let version = RequestHeadError.unsupportedVersion(major: 2, minor: 0)
        #expect(throws: version) { try Self.parse("GET / HTTP/2.0\r\nHost: a\r\n\r\n") }
        #expect(version.statusCode == 505)
        let chunked = RequestHeadError.transferCoding("chunked")
        #expect(throws: chunked) { try Self.parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") }
        #expect(chunked.statusCode == 501)
        let large = RequestHeadError.tooLarge(limit: RequestHead.sizeLimit, fields: RequestHead.fieldLimit)
        let long = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: RequestHead.sizeLimit)
        #expect(throws: large) { try Self.parse(long) }
        #expect(throws: large) { try Self.parse(long + "\r\n\r\n") }
        let many = (0...RequestHead.fieldLimit).map { "X\($0): y\r\n" }.joined()
        #expect(throws: large) { try Self.parse("GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n") }
        #expect(large.statusCode == 431)
        #expect(RequestHeadError.malformed(reason: "r", offset: 3).description == "bad request: r (byte 3 of the request)")
    }
}

/// Requests as real clients send them, captured by a listening socket, parse and re-encode byte for byte.
@Suite("RequestHead from real clients", .oracles("python3", "curl", "wrk"))
struct RequestHeadClientTests {
    /// Listens on 127.0.0.1, runs `client` (with `{url}` replaced), answers its first request with a 204 and returns
    /// that request's head as sent. Python's own timeout ends a client that never sends one.
    static func capture(_ client: [String]) async throws -> [UInt8] {
        let script = """
            import socket, subprocess, sys
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.listen(4)
            server.settimeout(20)
            url = "http://127.0.0.1:%d/iso/debian/live/vmlinuz" % server.getsockname()[1]
            child = subprocess.Popen([a.replace("{url}", url) for a in sys.argv[1:]],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            data = b""
            while b"\\r\\n\\r\\n" not in data:
                # wrk opens and closes one connection before its run: take the next
                connection, _ = server.accept()
                connection.settimeout(20)
                data = b""
                while b"\\r\\n\\r\\n" not in data:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            connection.sendall(b"HTTP/1.1 204 No Content\\r\\nConnection: close\\r\\n\\r\\n")
            connection.close()
            child.kill()
            child.wait()
            sys.stdout.write(data.hex())
            """
        let hex = try await Tool.run("python3", ["-c", script] + client).stdout
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), next > index {
            bytes.append(try #require(UInt8(hex[index..<next], radix: 16)))
            index = next
        }
        return bytes
    }

    @Test("curl's and wrk's requests: the head is read whole and encodes back to the same bytes", arguments: [
        ["curl", "-s", "-H", "Range: bytes=0-99", "{url}"], ["wrk", "-t1", "-c1", "-d2s", "{url}"],
    ])
    func clients(client: [String]) async throws {
        let sent = try await Self.capture(client)
        let parsed = try #require(try RequestHead.parse(sent[...]))
        #expect(parsed.headLength == sent.count)
        #expect(parsed.head.method == "GET" && parsed.head.target == "/iso/debian/live/vmlinuz")
        #expect(parsed.head.field("host")?.hasPrefix("127.0.0.1:") == true)
        #expect(parsed.head.isUnconditional == (client[0] != "curl"))
        #expect(parsed.head.encode() == sent)
    }
}
