import LiveSystem
import Testing

@Suite("PEMachine")
struct PEMachineTests {
    @Test("the known machines by name and value, an unknown one by its value and kept as read")
    func description() {
        #expect(PEMachine.x86_64.rawValue == 0x8664 && PEMachine.arm64.rawValue == 0xAA64 && PEMachine.i386.rawValue == 0x14C)
        #expect("\(PEMachine.arm64)" == "arm64 (0xAA64)")
        #expect("\(PEMachine.x86_64)" == "x86-64 (0x8664)")
        #expect("\(PEMachine.i386)" == "i386 (0x14C)")
        #expect("\(PEMachine(rawValue: 0x5064))" == "0x5064")
        #expect(PEMachine(rawValue: 0x5064).rawValue == 0x5064)
    }
}
