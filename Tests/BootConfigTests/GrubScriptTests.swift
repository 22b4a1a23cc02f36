import BootConfig
import TestSupport
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

@Suite("GRUB script against grub-script-check", .oracles("grub-script-check"))
struct GrubScriptOracleTests {
    /// Scripts both GRUB and this parser accept (`true`) or reject (`false`). The parser is a reader, not a
    /// validator: it also accepts a few things GRUB rejects (a lone `$`, `;;`, a bare `{ … }` block).
    static let cases: [(String, Bool)] = [
        ("echo ${a}\n", true), ("menuentry x { linux /k ; }\n", true), ("echo \"a\\\"b\" 'c\\'\n", true),
        ("menuentry \"a\" --class x {\n\tlinux /k a=1 \\\n\t  b=2\n}\n", true), ("if true; then echo {x}; fi\n", true),
        ("echo \"a\n", false), ("echo 'a\n", false), ("}\n", false), ("menuentry x {\n", false), ("echo ${a\n", false),
        ("menuentry \"a\" --class x {\nlinux /k a=1\n}\n}\n", false),
    ]

    @Test("the parser and grub-script-check agree", arguments: cases)
    func agree(script: String, valid: Bool) async throws {
        let parsed = Result { () throws(BootConfigError) in try GrubScript(bytes: Array(script.utf8)) }
        let check = try await withTemporaryDirectory { directory in
            try FileTree.write(["t.cfg": .text(script)], under: directory)
            return try await Tool.runAllowingFailure("grub-script-check", [directory + "/t.cfg"])
        }
        #expect(check.succeeded == valid, "grub-script-check: \(check.stderr)")
        let accepted = (try? parsed.get()) != nil
        #expect(accepted == valid, "parser: \(parsed)")
    }
}
