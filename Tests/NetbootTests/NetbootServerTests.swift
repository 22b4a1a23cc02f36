import BootConfig
import Foundation
import Netboot
import TestSupport
import Testing

/// HTTP behaviour of `netboot serve`, against a server started in this process on a free port, with curl.
@Suite("NetbootServer", .serialized, .oracles("curl"))
struct NetbootServerTests {
    /// A 600 KiB file with a byte pattern that differs at every offset (crosses the 256 KiB chunk size).
    static func pattern(_ seed: UInt8, count: Int = 600 << 10) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8 &+ Int(seed)) }
    }

    /// A folder with `data.iso` holding `/data/blob.bin` (`pattern(seed)`) and the isokit fixture files.
    @discardableResult
    static func folder(in directory: String, seed: UInt8 = 1, name: String = "data.iso") throws -> String {
        var files = NetbootFixtures.isokit
        files["data/blob.bin"] = .file(pattern(seed), mode: 0o644)
        try NetbootFixtures.iso(files, named: name, in: directory)
        return directory + "/isos"
    }

    /// Runs `body` with a server for `folder` listening on 127.0.0.1; returns its result after stopping the server.
    static func withServer<T: Sendable>(
        _ folder: String, recheck: Bool = true, hosts: NetbootHosts = NetbootHosts(), baseURL: String? = nil,
        _ body: @Sendable (String) async throws -> T
    ) async throws -> T {
        let options = NetbootServerOptions(
            directory: folder, host: "127.0.0.1", port: 0, baseURL: baseURL, accessLog: false, hosts: hosts,
            rescanInterval: recheck ? .zero : .seconds(3600))
        return try await withServer(options: options) { port in try await body("http://127.0.0.1:\(port)") }
    }

    /// Runs `body` with a server started with `options` (port 0 for an ephemeral one) and the port it listens on;
    /// returns its result after stopping the server.
    static func withServer<T: Sendable>(
        options: NetbootServerOptions, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let server = try NetbootServer(options: options)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run(handlingSignals: false) { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let result = try await body(port)
        task.cancel()
        _ = await task.result
        return result
    }

    /// One curl request: status, headers (lower-cased names) and body bytes.
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    static func curl(_ url: String, _ arguments: [String] = [], in directory: String) async throws -> Reply {
        let headerFile = directory + "/headers-\(UUID().uuidString)"
        let bodyFile = directory + "/body-\(UUID().uuidString)"
        try await Tool.run("curl", ["-s", "--path-as-is", "-D", headerFile, "-o", bodyFile] + arguments + [url])
        let text = try String(contentsOfFile: headerFile, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        let body = (try? Data(contentsOf: URL(fileURLWithPath: bodyFile))).map { [UInt8]($0) } ?? []
        return Reply(status: status, headers: headers, body: body)
    }

    @Test("/host/MAC.ipxe sets the host's static network and chains to the menu; an unknown MAC gets 404")
    func hostScript() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory)
            let hosts = NetbootHosts(byMAC: [
                "52:54:00:12:34:56": IPXEStaticNetwork(address: "192.0.2.10", netmask: "255.255.255.0", gateway: "192.0.2.1")
            ])
            try await Self.withServer(folder, hosts: hosts) { base in
                let reply = try await Self.curl(base + "/host/52-54-00-12-34-56.ipxe", ["-H", "Host: 192.0.2.7:9000"], in: directory)
                #expect(reply.status == 200)
                #expect(String(decoding: reply.body, as: UTF8.self) == """
                    #!ipxe
                    # static network for hosts without DHCP
                    set net0/ip 192.0.2.10
                    set net0/netmask 255.255.255.0
                    set net0/gateway 192.0.2.1
                    ifopen net0
                    chain http://192.0.2.7:9000/boot.ipxe

                    """)
                #expect(try await Self.curl(base + "/host/52:54:00:00:00:01.ipxe", in: directory).status == 404)
            }
        }
    }

    @Test("the menu names the kernel inside the ISO and isokit.fetch for the Host the client used")
    func menu() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory)
            try await Self.withServer(folder) { base in
                let reply = try await Self.curl(base + "/boot.ipxe", ["-H", "Host: 192.0.2.7:9000"], in: directory)
                let text = String(decoding: reply.body, as: UTF8.self)
                #expect(reply.status == 200)
                #expect(text.hasPrefix("#!ipxe\n"))
                #expect(text.contains("kernel http://192.0.2.7:9000/iso/data/boot/vmlinuz initrd=initrd0 console=tty0"))
                #expect(text.contains("isokit.fetch=http://192.0.2.7:9000/iso/data/"))
                let catalog = try await Self.curl(base + "/catalog.json", in: directory)
                #expect(catalog.status == 200)
                #expect(catalog.headers["content-type"] == "application/json")
            }
        }
    }

    @Test("Range: first, middle, suffix, open-ended, multi, beyond the end, malformed; HEAD")
    func ranges() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory)
            let data = Self.pattern(1)
            let size = data.count
            try await Self.withServer(folder) { base in
                let url = base + "/iso/data/data/blob.bin"
                let whole = try await Self.curl(url, in: directory)
                #expect(whole.status == 200)
                #expect(whole.body == data)
                #expect(whole.headers["accept-ranges"] == "bytes")
                #expect(whole.headers["etag"]?.hasPrefix("\"") == true)
                // Last-Modified is the ISO file's own time: it changes when the image is replaced.
                let isoTime = try #require(
                    try FileManager.default.attributesOfItem(atPath: folder + "/data.iso")[.modificationDate] as? Date)
                #expect(whole.headers["last-modified"] == HTTPDate.format(Int64(isoTime.timeIntervalSince1970)))
                let cases: [(String, Range<Int>)] = [
                    ("0-99", 0..<100), ("300000-300099", 300_000..<300_100), ("-1000", size - 1000..<size),
                    ("262100-", 262_100..<size), ("0-", 0..<size),
                ]
                for (spec, expected) in cases {
                    let reply = try await Self.curl(url, ["-H", "Range: bytes=" + spec], in: directory)
                    #expect(reply.status == 206, "\(spec)")
                    #expect(reply.body == Array(data[expected]), "\(spec)")
                    #expect(reply.headers["content-range"] == "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/\(size)")
                }
                let multi = try await Self.curl(url, ["-H", "Range: bytes=0-9,-10"], in: directory)
                #expect(multi.status == 206)
                let type = try #require(multi.headers["content-type"])
                #expect(type.hasPrefix("multipart/byteranges; boundary="))
                let boundary = String(type.split(separator: "=").last ?? "")
                let parts = multi.body.split(separator: UInt8(ascii: "-")).count
                #expect(parts > 0)
                let text = String(decoding: multi.body, as: UTF8.self)
                #expect(text.hasPrefix("--\(boundary)\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-9/\(size)\r\n\r\n"))
                #expect(text.contains("\r\n--\(boundary)\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes \(size - 10)-\(size - 1)/\(size)\r\n\r\n"))
                #expect(text.hasSuffix("\r\n--\(boundary)--\r\n"))
                #expect(Int(multi.headers["content-length"] ?? "") == multi.body.count)
                let firstPart = try #require(multi.body.firstRange(of: Array("\r\n\r\n".utf8)))
                #expect(Array(multi.body[firstPart.upperBound..<firstPart.upperBound + 10]) == Array(data[0..<10]))

                let beyond = try await Self.curl(url, ["-H", "Range: bytes=\(size)-"], in: directory)
                #expect(beyond.status == 416)
                #expect(beyond.headers["content-range"] == "bytes */\(size)")
                let malformed = try await Self.curl(url, ["-H", "Range: bytes=9-1"], in: directory)
                #expect(malformed.status == 200)
                #expect(malformed.body == data)

                let head = try await Self.curl(url, ["-I"], in: directory)
                #expect(head.status == 200)
                #expect(head.headers["content-length"] == String(size))
                #expect(head.headers["etag"] == whole.headers["etag"])
                let wholeISO = try await Self.curl(base + "/iso/data.iso", ["-I"], in: directory)
                let isoSize = try FileManager.default.attributesOfItem(atPath: folder + "/data.iso")[.size] as? Int
                #expect(wholeISO.headers["content-length"] == isoSize.map(String.init))
            }
        }
    }

    @Test("If-None-Match and If-Modified-Since give 304; If-Range with the current tag keeps the range, an old one doesn't")
    func conditional() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory)
            try await Self.withServer(folder) { base in
                let url = base + "/iso/data/data/blob.bin"
                let first = try await Self.curl(url, ["-I"], in: directory)
                let tag = try #require(first.headers["etag"])
                let date = try #require(first.headers["last-modified"])
                #expect(try await Self.curl(url, ["-H", "If-None-Match: \(tag)"], in: directory).status == 304)
                #expect(try await Self.curl(url, ["-H", "If-Modified-Since: \(date)"], in: directory).status == 304)
                #expect(try await Self.curl(url, ["-H", "If-None-Match: \"x\""], in: directory).status == 200)
                #expect(try await Self.curl(url, ["-H", "Range: bytes=0-1", "-H", "If-Range: \(tag)"], in: directory).status == 206)
                #expect(try await Self.curl(url, ["-H", "Range: bytes=0-1", "-H", "If-Range: \"old\""], in: directory).status == 200)
                let other = try await Self.curl(base + "/iso/data/boot/vmlinuz", ["-I"], in: directory)
                #expect(other.headers["etag"] != tag)
            }
        }
    }

    @Test("traversal, encoded separators, NUL, directories and unknown ISOs are refused", arguments: [
        ("/iso/data/../../../etc/passwd", 400), ("/iso/data/%2e%2e/%2e%2e/etc/passwd", 400), ("/iso/data/live%2flayers.list", 400),
        ("/iso/data/live/layers.list%00", 400), ("/iso/nope/boot/vmlinuz", 404), ("/iso/nope.iso", 404), ("/iso/data/live", 404),
        ("/iso/data/boot/missing", 404), ("/etc/passwd", 404), ("/iso/data/live/layers.list", 200),
    ])
    func refusals(path: String, status: Int) async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory)
            try await Self.withServer(folder) { base in
                let reply = try await Self.curl(base + path, in: directory)
                #expect(reply.status == status, "\(path)")
            }
        }
    }

    @Test("an ISO replaced while a download runs: that download keeps the old bytes, later ones get the new")
    func replaced() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory, seed: 1)
            let old = Self.pattern(1)
            let new = Self.pattern(2)
            try await Self.withServer(folder) { base in
                let url = base + "/iso/data/data/blob.bin"
                let before = try await Self.curl(url, ["-I"], in: directory)
                // The response has begun (headers and some body read), so the server has opened the old file.
                let port = try #require(Int(base.split(separator: ":").last ?? ""))
                let download = try RawDownload(port: port, path: "/iso/data/data/blob.bin")
                let replacement = directory + "/next"
                try FileManager.default.createDirectory(atPath: replacement, withIntermediateDirectories: true)
                try Self.folder(in: replacement, seed: 2)
                #expect(rename(replacement + "/isos/data.iso", folder + "/data.iso") == 0)
                let after = try await Self.curl(url, in: directory)
                #expect(after.body == new)
                #expect(after.headers["etag"] != before.headers["etag"])
                let stale = try await Self.curl(
                    url, ["-H", "Range: bytes=0-9", "-H", "If-Range: \(before.headers["etag"] ?? "")"], in: directory)
                #expect(stale.status == 200)
                #expect(stale.body == new)
                let finished = try download.finish()
                #expect(finished == old)
            }
        }
    }

    @Test("repeated requests answered from the representation cache: same bytes, ranges, HEAD and 304; a replaced ISO is seen at once")
    func repeated() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory, seed: 1)
            let old = Self.pattern(1)
            // No rescans: every repeated request may take the cached path.
            try await Self.withServer(folder, recheck: false) { base in
                let url = base + "/iso/data/data/blob.bin"
                let small = base + "/iso/data/live/layers.list"
                for _ in 0..<3 {
                    let whole = try await Self.curl(url, in: directory)
                    #expect(whole.status == 200 && whole.body == old)
                    let range = try await Self.curl(url, ["-H", "Range: bytes=262100-262199,-5"], in: directory)
                    #expect(range.status == 206)
                    #expect(String(decoding: range.body, as: UTF8.self).contains("Content-Range: bytes 262100-262199/\(old.count)"))
                    let head = try await Self.curl(url, ["-I"], in: directory)
                    #expect(head.headers["content-length"] == String(old.count) && head.headers["etag"] == whole.headers["etag"])
                    let tag = try #require(whole.headers["etag"])
                    #expect(try await Self.curl(url, ["-H", "If-None-Match: \(tag)"], in: directory).status == 304)
                    let list = try await Self.curl(small, in: directory)
                    #expect(list.status == 200 && !list.body.isEmpty)
                    let iso = try await Self.curl(base + "/iso/data.iso", ["-H", "Range: bytes=0-15"], in: directory)
                    #expect(iso.status == 206 && iso.body.count == 16)
                }
                let before = try await Self.curl(url, ["-I"], in: directory)
                let replacement = directory + "/next"
                try FileManager.default.createDirectory(atPath: replacement, withIntermediateDirectories: true)
                try Self.folder(in: replacement, seed: 2)
                #expect(rename(replacement + "/isos/data.iso", folder + "/data.iso") == 0)
                let after = try await Self.curl(url, in: directory)
                #expect(after.body == Self.pattern(2))
                #expect(after.headers["etag"] != before.headers["etag"])
            }
        }
    }

    @Test("an ISO added to or removed from the folder shows in the menu and catalog on the next request")
    func rescan() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-http") { directory in
            let folder = try Self.folder(in: directory)
            try await Self.withServer(folder) { base in
                let before = try await Self.curl(base + "/boot.ipxe", in: directory)
                #expect(!String(decoding: before.body, as: UTF8.self).contains("/iso/second/"))
                try NetbootFixtures.iso(NetbootFixtures.casper, named: "second.iso", in: directory)
                let added = try await Self.curl(base + "/boot.ipxe", in: directory)
                #expect(String(decoding: added.body, as: UTF8.self).contains("url=\(base)/iso/second.iso"))
                #expect(try await Self.curl(base + "/iso/second/casper/vmlinuz", in: directory).body == Array("kernel".utf8))
                try FileManager.default.removeItem(atPath: folder + "/second.iso")
                let removed = try await Self.curl(base + "/boot.ipxe", in: directory)
                #expect(!String(decoding: removed.body, as: UTF8.self).contains("/iso/second"))
                #expect(try await Self.curl(base + "/iso/second.iso", in: directory).status == 404)
            }
        }
    }
}
