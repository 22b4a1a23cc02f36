import Testing

@testable import ISO9660

@Suite("BootMediaType")
struct BootMediaTypeTests {
    @Test("known and unknown values")
    func values() {
        #expect(
            [BootMediaType.noEmulation, .floppy12, .floppy144, .floppy288, .hardDisk].map(\.rawValue) == [0, 1, 2, 3, 4])
        #expect(BootMediaType.noEmulation.description == "no emulation")
        #expect(BootMediaType(rawValue: 9).description == "media type 9")
    }
}
