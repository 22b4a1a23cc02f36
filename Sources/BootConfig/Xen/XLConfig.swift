/// xl.cfg(5) — a Xen domain configuration file: ordered `KEY = VALUE` settings.
///
/// Reading keeps the order of the settings; ``render()`` writes one setting a line, so a file isokit writes reads
/// back to the same model (`try XLConfig(text: config.render()) == config`, ignoring line numbers).
public struct XLConfig: Hashable, Sendable {
    /// The settings, in file order.
    public var settings: [XLSetting]

    /// Creates a configuration from settings.
    public init(settings: [XLSetting] = []) {
        self.settings = settings
    }

    /// Reads xl.cfg text: `KEY = VALUE` statements ended by a newline or `;`, `#` comments, single- or double-quoted
    /// strings, numbers, and lists in `[ … ]` that may span lines and end with a comma.
    /// - Throws: ``XenConfigError/unexpected(found:expected:line:column:)``,
    ///   ``XenConfigError/unterminatedString(line:column:)``, ``XenConfigError/unterminatedList(line:column:)``,
    ///   ``XenConfigError/invalidNumber(text:line:column:)`` at the position of the fault, and
    ///   ``XenConfigError/duplicateSetting(key:line:)``.
    ///
    /// Spec: xl.cfg(5), "Syntax".
    public init(text: String) throws(XenConfigError) {
        var parser = XLConfigParser(text: text)
        settings = try parser.parse()
        var seen: Set<String> = []
        for setting in settings where !seen.insert(setting.key).inserted {
            throw .duplicateSetting(key: setting.key, line: setting.line)
        }
    }

    /// The value of `key`; setting it replaces the value in place or appends a new setting, and `nil` removes it.
    public subscript(key: String) -> XLValue? {
        get { settings.first { $0.key == key }?.value }
        set {
            if let index = settings.firstIndex(where: { $0.key == key }) {
                if let newValue { settings[index].value = newValue } else { settings.remove(at: index) }
            } else if let newValue {
                settings.append(XLSetting(key: key, value: newValue))
            }
        }
    }

    /// The configuration as xl.cfg text, one `key = value` line per setting, ending with a newline.
    public func render() -> String {
        settings.map { "\($0.key) = \($0.value.render())\n" }.joined()
    }
}
