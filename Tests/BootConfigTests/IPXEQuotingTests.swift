import BootConfig
import Testing

@Suite("IPXEQuoting")
struct IPXEQuotingTests {
    @Test("text collapses blanks and control characters and defuses ${", arguments: [
        ("  a \t b\n", "a b"), ("cost $5 ${x}", "cost $5 $ {x}"), ("$${", "$$ {"), ("", ""), ("Disc #1 a#b", "Disc no.1 a#b"), ("#x", "no.x"),
    ])
    func text(input: String, expected: String) {
        #expect(IPXEQuoting.text(input) == expected)
    }

    @Test("words and labels")
    func words() {
        #expect(IPXEQuoting.isWord("console=ttyS0,115200"))
        #expect(!IPXEQuoting.isWord("a b"))
        #expect(!IPXEQuoting.isWord("${ip}"))
        #expect(!IPXEQuoting.isWord(""))
        #expect(!IPXEQuoting.isWord("#comment"))
        #expect(IPXEQuoting.isLabel("i0e1"))
        #expect(!IPXEQuoting.isLabel("-x"))
        #expect(!IPXEQuoting.isLabel("a:b"))
    }
}
