import ELF
import LiveSystem
import Testing

@Suite("Live architecture")
struct LiveArchitectureTests {
    @Test("a list of architectures: isokit's and Debian's names, in order, each once")
    func list() throws {
        #expect(try LiveArchitecture.list("aarch64") == [.aarch64])
        #expect(try LiveArchitecture.list("x86_64, arm64,amd64") == [.x86_64, .aarch64])
        #expect(LiveArchitecture(name: "arm64") == .aarch64)
        #expect(LiveArchitecture.aarch64.elfMachine == .aarch64)
        #expect(LiveArchitecture.aarch64.efiLoaderPath == "EFI/BOOT/BOOTAA64.EFI")
        #expect(LiveArchitecture.aarch64.grubEFIPlatform == "arm64-efi")
    }

    @Test("an unknown architecture: the error lists the known ones", arguments: ["sparc", "", "x86_64,"])
    func unknown(text: String) {
        let name = text == "x86_64," ? "" : text
        #expect(throws: LiveBuildError.invalidOption(
            "unknown architecture \(String(reflecting: name)); known: x86_64, aarch64 (or amd64, arm64)")
        ) { try LiveArchitecture.list(text) }
    }
}
