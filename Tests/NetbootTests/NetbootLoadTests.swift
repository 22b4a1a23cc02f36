import Foundation
import Netboot
import TestSupport
import Testing

/// Load: `wrk -t2 -c64 -d5s` against `netboot serve` and against nginx serving the exported site, on the same
/// files (a whole ISO and a file inside it): no socket errors and no error responses. No timing is asserted;
/// `scripts/bench-netboot` measures.
@Suite("Netboot load", .serialized, .oracles("wrk", "nginx"))
struct NetbootLoadTests {
    /// Paths, each with a `Range` header or none: the whole ISO, 64 KiB in its middle (206), a file inside it, the
    /// menu.
    static let requests: [(path: String, range: String?)] = [
        ("/iso/data.iso", nil), ("/iso/data.iso", "bytes=65536-131071"), ("/iso/data/live/00-base.squashfs", nil),
        ("/boot.ipxe", nil),
    ]

    static func wrk(_ url: String, range: String?) async throws -> WrkReport {
        let header = range.map { ["-H", "Range: \($0)"] } ?? []
        let result = try await Tool.run("wrk", ["-t2", "-c64", "-d5s", "--timeout", "30s"] + header + [url])
        return try WrkReport(output: result.stdout)
    }

    @Test("64 connections (whole ISO, a 64 KiB range of it, a file inside it, the menu) against serve and nginx: no errors")
    func sixtyFourConnections() async throws {
        try await withTemporaryDirectory(prefix: "isokit-netboot-load") { directory in
            let folder = try NetbootServerTests.folder(in: directory)
            try await NetbootServerTests.withServer(folder) { base in
                for (path, range) in Self.requests {
                    let report = try await Self.wrk(base + path, range: range)
                    #expect(report.requests > 0 && report.socketErrors == 0 && report.errorResponses == 0, "serve \(path): \(report)")
                }
            }
            let port = try NginxServer.freePort()
            _ = try NetbootExporter.export(
                directory: folder, to: directory + "/site", baseURL: "http://127.0.0.1:\(port)",
                options: NetbootServerOptions(directory: folder))
            try await NginxServer.serving(directory + "/site", port: port, prefix: directory + "/nginx") { nginx in
                let base = "http://127.0.0.1:\(nginx.port)"
                let ranged = try await NetbootServerTests.curl(base + "/iso/data.iso", ["-H", "Range: bytes=65536-131071"], in: directory)
                #expect(ranged.status == 206 && ranged.body.count == 65536, "nginx answers Range on the exported ISO")
                for (path, range) in Self.requests {
                    let report = try await Self.wrk(base + path, range: range)
                    #expect(report.requests > 0 && report.socketErrors == 0 && report.errorResponses == 0, "nginx \(path): \(report)")
                }
            }
        }
    }

    @Test("wrk's summary is parsed: requests, socket errors, error responses")
    func parsesWrk() throws {
        let report = try WrkReport(output: """
            Running 3s test @ http://127.0.0.1:8080/boot.ipxe
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.20ms  300.00us   5.00ms   80.00%
              52000 requests in 3.00s, 20.00MB read
              Socket errors: connect 0, read 3, write 0, timeout 2
              Non-2xx or 3xx responses: 7
            Requests/sec:  17333.33
            Transfer/sec:      6.67MB
            """)
        #expect(report == WrkReport(requests: 52000, socketErrors: 5, errorResponses: 7))
        #expect(throws: WrkReportError.self) { try WrkReport(output: "unable to connect") }
    }
}
