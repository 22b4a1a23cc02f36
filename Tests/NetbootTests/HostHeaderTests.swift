import Testing

@testable import Netboot

@Suite("HostHeader")
struct HostHeaderTests {
    @Test("a Host without a port gets the port the request came in on, unless that is 80", arguments: [
        ("10.0.2.2", 8080, "10.0.2.2:8080"), ("boot.example.net", 80, "boot.example.net"),
        ("10.0.2.2:9000", 8080, "10.0.2.2:9000"), ("[2001:db8::1]", 8080, "[2001:db8::1]:8080"),
        ("[2001:db8::1]:9000", 8080, "[2001:db8::1]:9000"), ("", 8080, ""),
    ])
    func port(host: String, port: Int, expected: String) {
        #expect(HostHeader.withPort(host, port: port) == expected)
    }
}
