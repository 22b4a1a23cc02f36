import Foundation
import Testing
import TestSupport

/// `--help` of the root command and each subcommand, against reviewed copies in `Golden/`.
@Suite("isokit --help")
struct HelpTests {
    @Test("help text matches its golden file", arguments: [
        "", "inspect", "ls", "extract", "create", "build", "remaster", "unpack", "repack", "write", "run", "demo", "kernel", "xen",
        "xen guest", "xen menu-lst", "netboot", "netboot serve", "netboot catalog", "netboot export", "netboot dnsmasq",
        "netboot image",
    ])
    func help(command: String) async throws {
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        let result = try await IsokitBinary.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let name = command.isEmpty ? "isokit" : command.replacingOccurrences(of: " ", with: "-")
        try Golden.check(result.stdout, against: "help-\(name).txt")
    }

    @Test("`isokit help COMMAND` prints the same text as `COMMAND --help`")
    func helpSubcommand() async throws {
        let viaHelp = try await IsokitBinary.run(["help", "extract"])
        let viaFlag = try await IsokitBinary.run(["extract", "--help"])
        #expect(viaHelp.stdout == viaFlag.stdout)
    }
}
