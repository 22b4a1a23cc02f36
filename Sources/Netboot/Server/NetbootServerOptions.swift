/// How `isokit netboot serve` runs.
public struct NetbootServerOptions: Hashable, Sendable {
    /// The folder of ISOs.
    public var directory: String
    /// The address to listen on (`0.0.0.0`, `127.0.0.1`, `::`).
    public var host: String
    /// The TCP port; `0` picks a free one (reported through `onListening`).
    public var port: Int
    /// The URL clients reach the server at, used in scripts and kernel parameters; `nil` to take it from each
    /// request's `Host` header (`http://HOST`).
    public var baseURL: String?
    /// Words added to every entry's kernel command line (e.g. `console=ttyS0`, `isokit.selftest`).
    public var extraParameters: [String]
    /// Seconds the menu waits before booting the default entry.
    public var menuTimeoutSeconds: Int
    /// Whether to write an access log line per request.
    public var accessLog: Bool
    /// The file the access log is appended to; `nil` for standard error.
    public var accessLogPath: String?
    /// What the catalog offers (memdisk).
    public var catalog: NetbootCatalogOptions
    /// Static network settings served as `/host/MAC.ipxe` for hosts without DHCP.
    public var hosts: NetbootHosts
    /// How often, at most, a request makes the server look at the folder again for added, removed or replaced ISOs
    /// (one `stat` per ISO; a full rescan only when something changed).
    public var rescanInterval: Duration
    /// How long a connection may sit with no request arriving while it owes no response (idle keep-alive, or a head
    /// sent too slowly) before the server closes it. A response being sent is never cut by this.
    public var idleTimeout: Duration

    /// Creates options.
    public init(
        directory: String, host: String = "0.0.0.0", port: Int = 8080, baseURL: String? = nil,
        extraParameters: [String] = [], menuTimeoutSeconds: Int = 5, accessLog: Bool = true,
        catalog: NetbootCatalogOptions = NetbootCatalogOptions(), hosts: NetbootHosts = NetbootHosts(),
        rescanInterval: Duration = .seconds(1), accessLogPath: String? = nil, idleTimeout: Duration = .seconds(60)
    ) {
        self.directory = directory
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.extraParameters = extraParameters
        self.menuTimeoutSeconds = menuTimeoutSeconds
        self.accessLog = accessLog
        self.catalog = catalog
        self.hosts = hosts
        self.rescanInterval = rescanInterval
        self.accessLogPath = accessLogPath
        self.idleTimeout = idleTimeout
    }

    /// Splits `HOST:PORT` (`[V6]:PORT` for IPv6) into host and port.
    /// - Throws: ``NetbootError/invalidListenAddress(_:)``.
    public static func parseListen(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw NetbootError.invalidListenAddress(text) }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { throw NetbootError.invalidListenAddress(text) }
        return (host, port)
    }

    /// Checks a `--base-url`: `http://` or `https://`, a host, no blanks; returned without a trailing `/`.
    /// - Throws: ``NetbootError/invalidBaseURL(_:)``.
    public static func checkBaseURL(_ text: String) throws -> String {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), !text.contains("${"),
            !text.unicodeScalars.contains(where: { $0 == " " || $0.properties.generalCategory == .control }),
            text.split(separator: "/", omittingEmptySubsequences: true).count >= 2
        else { throw NetbootError.invalidBaseURL(text) }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
