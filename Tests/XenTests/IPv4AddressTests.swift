import Testing
import Xen

@Suite("IPv4 address")
struct IPv4AddressTests {
    @Test("reads dotted quads and counts on", arguments: ["10.0.0.1", "192.168.1.254", "0.0.0.0"])
    func roundTrip(text: String) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.description == text)
    }

    @Test("rejects malformed text", arguments: ["10.0.0", "10.0.0.256", "a.b.c.d", "10..0.1", "1.2.3.4.5", "+1.2.3.4"])
    func rejects(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test("advances across octets and stops at the end")
    func advance() throws {
        let start = try #require(IPv4Address("10.0.0.254"))
        #expect(start.advanced(by: 3)?.description == "10.0.1.1")
        #expect(IPv4Address(rawValue: .max).advanced(by: 1) == nil)
    }
}
