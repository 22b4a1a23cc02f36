/// The `Host` header as the server builds URLs from it (RFC 9110 §7.2).
enum HostHeader {
    /// `host` with `port` added when it names none and `port` is not HTTP's default 80. A `Host` without a port means
    /// port 80, but some clients leave the port out whatever it is — GRUB's HTTP client does — and a request that
    /// reached this server on another port came through that port. Behind a proxy, `--base-url` says better.
    static func withPort(_ host: String, port: Int) -> String {
        let hasPort = host.hasPrefix("[") ? host.contains("]:") : host.contains(":")
        guard !host.isEmpty, !hasPort, port != 80 else { return host }
        return "\(host):\(port)"
    }
}
