import Testing

@testable import Remaster

@Suite("root password hashes")
struct PasswordHashTests {
    @Test("hashes of every common method pass", arguments: [
        "$y$j9T$2tsw4JmmbU7DN7hPHCuli/$ZGQKfv.wM0IwcFaA8BBIRvLvgDaqEGdAqhCTOp0PPbB",
        "$6$isokitsalt$WhPepZc9lJvc/qsM/p6/XB2BHXt8/77bsZRCY8vDFL2qmBSSHD26UZVmkTeqE6QD2TX6cWSRwBr.ydgxi3Fhw.",
        "$6$rounds=5000$isokitsalt$WhPepZc9lJvc/qsM/p6/XB2BHXt8/77bsZRCY8vDFL2qmBSSHD26UZVmkTeqE6QD2TX6cWSRwBr.ydgxi3Fhw.",
        "$5$salt$" + String(repeating: "a", count: 43), "$1$salt$" + String(repeating: "b", count: 22),
        "$2b$12$" + String(repeating: "c", count: 53),
    ])
    func valid(hash: String) throws {
        try PasswordHash.validate(hash)
    }

    @Test("plain text, a short hash, an unknown method and a colon are refused without quoting the value", arguments: [
        ("secret", "it does not start with $, so it looks like a plain password"),
        ("$6$salt$short", "a $6$ hash ends in 86 characters, this one in 5"),
        ("$9$salt$hash", "unknown method $9$"), ("$6$sa:lt$x", "it holds a colon or white space"),
        ("$6$", "it has no $method$salt$hash fields"),
    ])
    func invalid(hash: String, reason: String) {
        #expect(throws: RemasterError.badPasswordHash(reason: reason)) { try PasswordHash.validate(hash) }
    }

    @Test("root's field is set; a forced change (day 0) becomes today; other lines stay")
    func shadow() {
        let text = Array("daemon:*:1:0:::::\nroot:!:0:0:99999:7:::\n".utf8)
        let edited = PasswordHash.settingRoot("$y$x$y", in: text, shadow: true, day: 20_000)
        #expect(edited == Array("daemon:*:1:0:::::\nroot:$y$x$y:20000:0:99999:7:::\n".utf8))
        #expect(PasswordHash.settingRoot("$y$x$y", in: Array("root:x:0:0::/root:/bin/sh".utf8), shadow: false, day: 1)
            == Array("root:$y$x$y:0:0::/root:/bin/sh".utf8))
        #expect(PasswordHash.settingRoot("h", in: Array("daemon:*:1:::\n".utf8), shadow: true, day: 1) == nil)
    }
}
