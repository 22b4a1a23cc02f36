/// xl.cfg(5) "Syntax" — one `KEY = VALUE` setting.
public struct XLSetting: Hashable, Sendable {
    /// The setting's name (`name`, `kernel`, `disk` …).
    public var key: String
    /// Its value.
    public var value: XLValue
    /// The 1-based line it was read from; 0 for a setting made in code.
    public var line: Int

    /// Creates a setting.
    public init(key: String, value: XLValue, line: Int = 0) {
        self.key = key
        self.value = value
        self.line = line
    }
}
