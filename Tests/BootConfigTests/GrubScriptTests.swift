import BootConfig
import Testing

@Suite("GRUB script")
struct GrubScriptTests {
    @Test("blocks nest inside the command that opens them; if/fi stays flat")
    func blocks() throws {
        let script = try GrubScript(bytes: Array(BootMenuFixtures.debianGrub.utf8))
        #expect(script.commands.map(\.name) == [
            "source", "if", "then", "set", "insmod", "insmod", "fi", "set", "set", "menuentry", "menuentry", "submenu",
        ])
        let submenu = try #require(script.commands.last?.block)
        #expect(submenu.map(\.name) == ["source", "menuentry", "menuentry"])
        #expect(submenu[2].block?.map(\.name) == ["linux", "initrd"])
        #expect(submenu[2].block?.first?.arguments.last == "console=ttyS0,115200n8")
    }

    @Test("a one-line block with ; separators")
    func oneLine() throws {
        let script = try GrubScript(bytes: Array("menuentry x { linux /k a=1 ; initrd /i ; }".utf8))
        #expect(script.commands.first?.block?.map(\.name) == ["linux", "initrd"])
    }

    @Test(
        "unbalanced braces report the fault's position",
        arguments: [
            ("menuentry x {\n  linux /k\n", BootConfigError.unclosedBrace(line: 1, column: 13)),
            ("menuentry x {\n}\n}\n", .unexpectedCloseBrace(line: 3, column: 1)),
            ("submenu s {\n menuentry a {\n linux /k\n}\n", .unclosedBrace(line: 1, column: 11)),
        ])
    func unbalanced(text: String, error: BootConfigError) {
        #expect(throws: error) { try GrubScript(bytes: Array(text.utf8)) }
    }
}
