import BootConfig
import Testing

@Suite("GRUB tokenizer")
struct GrubTokenizerTests {
    static func words(_ text: String) throws -> [GrubToken] {
        var tokenizer = GrubTokenizer(bytes: Array(text.utf8))
        return try tokenizer.tokens().filter { $0.kind == .word }
    }

    @Test("quotes are removed, escapes resolved, variables kept as written")
    func quoting() throws {
        let words = try Self.words(#"linux '/a b' "c\"d" e\ f "${isofile}" $prefix/x '$notvar' "\q""#)
        #expect(words.map(\.text) == ["linux", "/a b", #"c"d"#, "e f", "${isofile}", "$prefix/x", "$notvar", #"\q"#])
        #expect(words.map(\.variables) == [[], [], [], [], ["isofile"], ["prefix"], [], []])
    }

    @Test("token ranges cover the source bytes of each word")
    func ranges() throws {
        let text = "set default=\"${saved_entry}\"  # comment"
        let words = try Self.words(text)
        let bytes = Array(text.utf8)
        #expect(words.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ["set", "default=\"${saved_entry}\""])
        #expect(words.map(\.column) == [1, 5])
    }

    @Test("separators, braces, comments and line continuation")
    func separators() throws {
        var tokenizer = GrubTokenizer(bytes: Array("a;b {\n# x { }\nc \\\n d}\n".utf8))
        let tokens = try tokenizer.tokens()
        #expect(tokens.map(\.kind) == [.word, .semicolon, .word, .openBrace, .newline, .comment, .newline, .word, .word, .closeBrace, .newline])
        #expect(tokens.map(\.line) == [1, 1, 1, 1, 1, 2, 2, 3, 4, 4, 4])
        #expect(tokens[8].text == "d")
    }

    @Test("a # inside a word is not a comment; $ without a name is literal")
    func literalHashAndDollar() throws {
        #expect(try Self.words("echo a#b $ 5$").map(\.text) == ["echo", "a#b", "$", "5$"])
    }

    @Test(
        "unterminated quotes and variables report where they open",
        arguments: [
            ("menuentry 'x {\n}\n", BootConfigError.unterminatedQuote(quote: "'", line: 1, column: 11)),
            ("set a=1\n  linux \"/vmlinuz\n", .unterminatedQuote(quote: "\"", line: 2, column: 9)),
            ("echo ${name\n", .unterminatedVariable(line: 1, column: 6)),
        ])
    func unterminated(text: String, error: BootConfigError) {
        #expect(throws: error) { try Self.words(text) }
    }
}
