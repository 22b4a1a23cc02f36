import Foundation
import Testing
import TestSupport

@testable import QEMU

@Suite("OVMFFirmware")
struct OVMFFirmwareTests {
    @Test("names every code image it tried when OVMF is missing")
    func missingFirmware() {
        let candidates = [
            OVMFFirmware(code: "/nonexistent/CODE.fd", variables: "/nonexistent/VARS.fd"),
            OVMFFirmware(code: "/nonexistent/CODE_4M.fd", variables: "/nonexistent/VARS_4M.fd"),
        ]
        #expect(throws: QEMUError.firmwareNotFound(tried: ["/nonexistent/CODE.fd", "/nonexistent/CODE_4M.fd"])) {
            try OVMFFirmware.locate(in: candidates)
        }
        #expect(QEMUError.firmwareNotFound(tried: ["/x/CODE.fd"]).description.contains("/x/CODE.fd"))
    }

    @Test("Secure Boot looks for OVMF's secboot code with the Microsoft-keys variable store")
    func secureBootCandidates() {
        let candidates = OVMFFirmware.candidates(for: .uefiSecureBoot)
        #expect(candidates == OVMFFirmware.secureBootLocations)
        #expect(candidates.first?.code == "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd")
        #expect(candidates.first?.variables == "/usr/share/OVMF/OVMF_VARS_4M.ms.fd")
        #expect(candidates.allSatisfy { $0.code.contains("secboot") })
        #expect(OVMFFirmware.candidates(for: .uefi) == OVMFFirmware.knownLocations)
        #expect(OVMFFirmware.candidates(for: .bios) == OVMFFirmware.knownLocations)
    }

    @Test("gives each run a writable copy of the variable store and removes it after")
    func privateVariables() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(
                ["CODE.fd": .text("code"), "VARS.fd": .text("vars", mode: 0o444)], under: directory)
            let installed = OVMFFirmware(code: directory + "/CODE.fd", variables: directory + "/VARS.fd")
            let firmware = try OVMFFirmware.locate(in: [installed])
            let copy = try await firmware.withPrivateVariables { copy async throws -> String in
                #expect(copy.code == installed.code)
                #expect(copy.variables != installed.variables)
                let contents = try ContentCompare.contents(of: copy.variables)
                #expect(contents == Array("vars".utf8))
                #expect(FileManager.default.isWritableFile(atPath: copy.variables))
                return copy.variables
            }
            #expect(!FileManager.default.fileExists(atPath: copy))
        }
    }
}
