/// A root password given as a crypt(3) hash: its shape checked (crypt(5): yescrypt `$y$`, gost-yescrypt `$gy$`,
/// scrypt `$7$`, SHA-512 `$6$`, SHA-256 `$5$`, bcrypt `$2b$`/`$2a$`/`$2y$`, MD5 `$1$`), and its place in
/// `/etc/shadow` or `/etc/passwd` (shadow(5), passwd(5)). The hash itself never appears in a message.
enum PasswordHash {
    /// How to make a hash, for error messages.
    static let advice = "give a crypt(3) hash, made e.g. with `mkpasswd -m yescrypt` or `openssl passwd -6`"

    /// Characters of crypt's base-64 alphabet and of the parameter fields (`rounds=5000`).
    private static let alphabet = Set("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// Checks that `hash` looks like a crypt(3) hash.
    /// - Throws: ``RemasterError/badPasswordHash(reason:)`` saying what is wrong (without the value).
    static func validate(_ hash: String) throws {
        guard hash.hasPrefix("$") else {
            throw RemasterError.badPasswordHash(reason: "it does not start with $, so it looks like a plain password")
        }
        guard !hash.contains(where: { $0 == ":" || $0.isWhitespace || $0.isNewline }) else {
            throw RemasterError.badPasswordHash(reason: "it holds a colon or white space")
        }
        let fields = hash.split(separator: "$", omittingEmptySubsequences: false).dropFirst().map(String.init)
        guard let method = fields.first, let last = fields.last, fields.count >= 3, !last.isEmpty else {
            throw RemasterError.badPasswordHash(reason: "it has no $method$salt$hash fields")
        }
        let expected: [String: Int] = ["6": 86, "5": 43, "1": 22, "y": 43, "gy": 43, "7": 43, "2a": 53, "2b": 53, "2y": 53]
        guard let length = expected[method] else {
            throw RemasterError.badPasswordHash(reason: "unknown method $\(method.prefix(4))$")
        }
        guard fields.dropFirst().joined().allSatisfy({ alphabet.contains($0) || $0 == "=" || $0 == "," }) else {
            throw RemasterError.badPasswordHash(reason: "it holds characters crypt(3) never writes")
        }
        guard last.count == length else {
            throw RemasterError.badPasswordHash(reason: "a $\(method)$ hash ends in \(length) characters, this one in \(last.count)")
        }
    }

    /// `text` (shadow or passwd lines) with root's second field set to `hash`; in shadow, a last-change day of 0
    /// ("must change at next login") becomes `day`. `nil` if there is no `root:` line.
    static func settingRoot(_ hash: String, in text: [UInt8], shadow: Bool, day: Int) -> [UInt8]? {
        var lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let index = lines.firstIndex(where: { $0.hasPrefix("root:") }) else { return nil }
        var fields = lines[index].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2 else { return nil }
        fields[1] = hash
        if shadow, fields.count > 2, fields[2] == "0" { fields[2] = String(day) }
        lines[index] = fields.joined(separator: ":")
        return Array(lines.joined(separator: "\n").utf8)
    }
}
