import Foundation
import Testing

@testable import ISO9660

@Suite("PlatformID")
struct PlatformIDTests {
    @Test("known and unknown values")
    func values() throws {
        #expect([PlatformID.x86, .powerPC, .mac, .efi].map(\.rawValue) == [0x00, 0x01, 0x02, 0xEF])
        #expect(PlatformID.efi.description == "UEFI" && PlatformID(rawValue: 0x42).description == "platform 0x42")
        let json = try JSONEncoder().encode([PlatformID(rawValue: 0x42)])
        #expect(try JSONDecoder().decode([PlatformID].self, from: json) == [PlatformID(rawValue: 0x42)])
    }
}
