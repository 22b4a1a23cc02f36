/// GRUB shell-like quoting (GRUB manual §6.3 "Shell-like scripting", quoting rules).
enum GrubQuoting {
    /// Characters that never need quoting in a GRUB word.
    private static let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.,/:=+@%")

    /// `word` as one GRUB word: unchanged when it has only plain characters, else in single quotes, with each
    /// single quote written as `'\''`.
    static func word(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }
}
