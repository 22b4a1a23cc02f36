@testable import LiveSystem
import Testing

@Suite("Rescue tools sysroot")
struct RescueToolsSysrootTests {
    @Test("the packages to fetch: the tools and the library packages of their closure, not virtual ones or script helpers")
    func packages() {
        let text = """
            curl:arm64
              Depends: libcurl4:arm64
              Depends: zlib1g:arm64
            libcurl4:arm64
              Depends: libc6:arm64
            <debconf-2.0:arm64>
            zlib1g:arm64
            libc6:arm64
            libperl5.36:arm64
            perl-base:arm64
            debconf
            libc6
            """
        #expect(RescueToolsSysroot.packages(inRecursiveDependencies: text, tools: ["curl"], architecture: .aarch64)
            == ["curl:arm64", "libc6:arm64", "libcurl4:arm64", "zlib1g:arm64"])
    }
}
