/// POSIX shell quoting for values isokit writes into shell-sourced files.
enum ShellQuoting {
    /// `value` in single quotes, each single quote written as `'\''`.
    static func word(_ value: String) -> String {
        "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }
}
