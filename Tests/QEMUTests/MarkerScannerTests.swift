import Testing

@testable import QEMU

@Suite("MarkerScanner")
struct MarkerScannerTests {
    /// Feeds `text` to `scanner` (a helper because `#expect` can't call a mutating method).
    private func feed(_ scanner: inout MarkerScanner, _ text: String) -> Bool {
        scanner.consume(Array(text.utf8))
    }

    @Test("finds a marker split at every possible point")
    func splitMarker() {
        let console = Array("noise ISOKIT-MARKER more".utf8)
        for cut in 0...console.count {
            var scanner = MarkerScanner(marker: "ISOKIT-MARKER")
            let first = scanner.consume(console[..<cut])
            let second = scanner.consume(console[cut...])
            #expect(second, "cut at \(cut)")
            #expect(!first || cut >= 19, "cut at \(cut)")
        }
    }

    @Test("finds a marker wrapped in escape sequences across chunks")
    func markerInsideEscapes() {
        var scanner = MarkerScanner(marker: "ISOKIT-MARKER")
        #expect(!feed(&scanner, "\u{1B}[H\u{1B}[J\u{1B}[1;1HISOKIT-"))
        #expect(!feed(&scanner, "\u{1B}[0"))
        #expect(feed(&scanner, "mMARKER"))
    }

    @Test("does not match a near miss")
    func nearMiss() {
        var scanner = MarkerScanner(marker: "login:")
        #expect(!feed(&scanner, "logi"))
        #expect(!feed(&scanner, "n ;login"))
        #expect(!scanner.matched)
    }

    @Test("keeps a bounded tail, cut on a character boundary")
    func boundedTail() {
        var scanner = MarkerScanner(marker: "never", tailLimit: 16)
        for _ in 0..<100 { _ = feed(&scanner, "0123456789") }
        _ = feed(&scanner, "ab€€€€€")
        #expect(scanner.tail.utf8.count <= 16)
        #expect(scanner.tail.hasSuffix("€€€€€"))
        #expect(!scanner.tail.contains("\u{FFFD}"))
    }

    @Test("a regular expression matches across chunks and escape sequences")
    func regexAcrossChunks() {
        var scanner = MarkerScanner(pattern: .regex("isokit (rescue ready|selftest ok)"))
        #expect(!feed(&scanner, "booting... isokit res"))
        #expect(feed(&scanner, "\u{1B}[0mcue ready\r\n"))
    }

    @Test("a regular expression that does not match stays unmatched")
    func regexNearMiss() {
        var scanner = MarkerScanner(pattern: .regex("^login: $"))
        #expect(!feed(&scanner, "login: root\n"))
    }

    @Test("never matches nothing, whatever the console prints")
    func never() {
        var scanner = MarkerScanner(pattern: .never)
        #expect(!feed(&scanner, "anything at all ISOKIT-MARKER"))
    }

    @Test("pattern validation: empty text, empty or broken regex, never", arguments: [
        (ConsolePattern.text(""), QEMUError.emptyMarker as QEMUError?),
        (.regex(""), .emptyMarker),
        (.text("x"), nil),
        (.never, nil),
    ])
    func validation(pattern: ConsolePattern, error: QEMUError?) {
        if let error {
            #expect(throws: error) { try pattern.validate() }
        } else {
            #expect(throws: Never.self) { try pattern.validate() }
        }
    }
}
