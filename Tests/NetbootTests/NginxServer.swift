import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// nginx (Debian's nginx-light) serving a static directory on 127.0.0.1, the way a site from `netboot export` is
/// meant to be served: a private configuration, pid file, logs and temp paths in a scratch folder, no system file
/// touched and no service started. `nginx -c CONF -p PREFIX -e LOG -g 'daemon off;'` runs in the foreground and is
/// stopped (SIGTERM, then waited for) when the body returns or throws.
struct NginxServer: Sendable {
    /// The port nginx listens on (on 127.0.0.1, which QEMU's user network reaches as 10.0.2.2).
    let port: Int
    /// The scratch folder: `nginx.conf`, `access.log`, `error.log`, `nginx.pid`, `tmp/`.
    let prefix: String

    /// The access log, one line per request in nginx's `combined` format.
    var accessLog: String { prefix + "/access.log" }

    /// The lines of the access log so far.
    func accessLogLines() -> [String] {
        ((try? String(contentsOfFile: accessLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The configuration: `root` as the document root, Range and sendfile on (nginx's defaults for static files),
    /// `worker_processes` workers; `user root` when the tests run as root, so workers can read a 0700 temp folder.
    static func configuration(root: String, port: Int, prefix: String, workers: Int) -> String {
        let user = getuid() == 0 ? "user root;\n" : ""
        return """
            \(user)worker_processes \(workers);
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log;
            events { worker_connections 1024; }
            http {
                types { application/octet-stream iso; text/plain ipxe; application/json json; }
                default_type application/octet-stream;
                access_log \(prefix)/access.log;
                client_body_temp_path \(prefix)/tmp/body;
                proxy_temp_path \(prefix)/tmp/proxy;
                fastcgi_temp_path \(prefix)/tmp/fastcgi;
                uwsgi_temp_path \(prefix)/tmp/uwsgi;
                scgi_temp_path \(prefix)/tmp/scgi;
                sendfile on;
                keepalive_requests 100000;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                }
            }

            """
    }

    /// A TCP port that was free a moment ago on 127.0.0.1 (bound to port 0 and closed again).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0, "socket: errno \(errno)")
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0, "bind: errno \(errno)")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        try #require(named == 0, "getsockname: errno \(errno)")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts nginx for `root` on `port`, runs `body`, and stops nginx whatever `body` does.
    /// - Parameters:
    ///   - root: The directory served at `/`.
    ///   - port: The port (from ``freePort()``).
    ///   - prefix: A new scratch folder for the configuration, logs and pid file.
    ///   - workers: nginx worker processes.
    static func serving<T: Sendable>(
        _ root: String, port: Int, prefix: String, workers: Int = 1, _ body: @Sendable (NginxServer) async throws -> T
    ) async throws -> T {
        let nginx = try Oracle.require("nginx")
        try FileManager.default.createDirectory(atPath: prefix + "/tmp", withIntermediateDirectories: true)
        let config = prefix + "/nginx.conf"
        try Data(configuration(root: root, port: port, prefix: prefix, workers: workers).utf8)
            .write(to: URL(fileURLWithPath: config))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-c", config, "-p", prefix + "/", "-e", prefix + "/error.log", "-g", "daemon off;"]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        // nginx binds its sockets before it writes the pid file, so the file means it is listening.
        let server = NginxServer(port: port, prefix: prefix)
        var waited = 0
        while !FileManager.default.fileExists(atPath: prefix + "/nginx.pid") {
            let errors = (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? ""
            try #require(process.isRunning && waited < 200, "nginx did not start: \(errors)")
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        return try await body(server)
    }
}
