import Testing

@testable import QEMU

@Suite("ConsoleFilter")
struct ConsoleFilterTests {
    private func clean(_ chunks: [String]) -> String {
        var filter = ConsoleFilter()
        var output: [UInt8] = []
        for chunk in chunks { filter.filter(Array(chunk.utf8), into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    @Test("removes CSI sequences, as SeaBIOS and GRUB emit them")
    func removesControlSequences() {
        let seaBIOS = "\u{1B}c\u{1B}[?7l\u{1B}[2J\u{1B}[0mSeaBIOS (version 1.16.2)\r\n"
        #expect(clean([seaBIOS]) == "SeaBIOS (version 1.16.2)\n")
        let grub = "\u{1B}[01;01H\u{1B}[0m\u{1B}[2J\u{1B}[02;24HGNU GRUB  version 2.06\u{1B}[04;02H"
        #expect(clean([grub]) == "GNU GRUB  version 2.06")
        #expect(clean(["\u{1B}[=3hBdsDxe\u{1B}[0m\u{1B}[30m\u{1B}[47m: ok"]) == "BdsDxe: ok")
    }

    @Test("carries an escape sequence split across chunks")
    func splitSequence() {
        #expect(clean(["A\u{1B}", "[0;30", ";47mB"]) == "AB")
        #expect(clean(["A\u{1B}]0;title", "\u{07}B"]) == "AB")
        #expect(clean(["A\u{1B}]0;t\u{1B}", "\\B"]) == "AB")
        #expect(clean(["A\u{1B}(", "BC"]) == "AC")
    }

    @Test("keeps UTF-8, newlines and tabs; drops other control codes")
    func keepsText() {
        #expect(clean(["┌──┐\tgrüß\u{07}\u{08}\u{7F}\u{00}\r\n"]) == "┌──┐\tgrüß\n")
    }

    @Test("ends an overlong control sequence so later text is not lost")
    func overlongSequence() {
        let parameters = String(repeating: "1;", count: ConsoleFilter.maximumSequenceLength)
        #expect(clean(["\u{1B}[" + parameters, "\nvisible"]).hasSuffix("visible"))
    }
}
