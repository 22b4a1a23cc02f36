import Testing

@testable import QEMU

@Suite("Emulator")
struct EmulatorTests {
    @Test("names every path it tried when QEMU is missing")
    func missingEmulator() {
        #expect(throws: QEMUError.emulatorNotFound(
            name: "qemu-system-x86_64", searched: ["/nonexistent/a/qemu-system-x86_64", "/nonexistent/b/qemu-system-x86_64"]
        )) {
            try Emulator.locate(searchPath: "/nonexistent/a:/nonexistent/b")
        }
        let error = QEMUError.emulatorNotFound(name: "qemu-system-x86_64", searched: ["/x/qemu-system-x86_64"])
        #expect(error.description == "qemu-system-x86_64 not found (tried /x/qemu-system-x86_64); install the qemu-system-x86 package")
    }

    @Test("finds an executable on the search path, or at a given path")
    func findsExecutable() throws {
        #expect(try Emulator.locate("sh", searchPath: "/nonexistent:/bin:/usr/bin") == "/bin/sh")
        #expect(try Emulator.locate("/bin/sh") == "/bin/sh")
    }
}
