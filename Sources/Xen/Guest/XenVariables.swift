import Foundation
import TOMLKit

/// `${key}` substitution in guest options, from `-D key=value` and a TOML defaults file.
public struct XenVariables: Hashable, Sendable {
    /// The values by name.
    public var values: [String: String]

    /// Creates a set of variables.
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Reads `-D` arguments: each `key=value`, or several comma-separated (`ip=10.0.0.5,mem=512`).
    /// - Throws: ``XenError/badVariable(_:reason:)`` for a word without `=` or with a bad name.
    public static func parse(definitions: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for definition in definitions {
            for part in definition.split(separator: ",") {
                guard let equals = part.firstIndex(of: "=") else {
                    throw XenError.badVariable(String(part), reason: "expected key=value")
                }
                let key = String(part[..<equals])
                try checkName(key, in: String(part))
                values[key] = String(part[part.index(after: equals)...])
            }
        }
        return values
    }

    /// Reads a defaults file: a flat TOML table of strings, integers or booleans (`memory = 512`, `bridge = "br0"`).
    /// - Throws: ``XenError/badDefaults(path:reason:)`` if it can't be read, is not TOML, or holds tables or arrays.
    public static func load(defaults path: String) throws -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw XenError.badDefaults(path: path, reason: "can't be read (\(error.localizedDescription))")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw XenError.badDefaults(path: path, reason: "not TOML: \(error)")
        }
        var values: [String: String] = [:]
        for (key, value) in table {
            if let text = value.string {
                values[key] = text
            } else if let number = value.int {
                values[key] = String(number)
            } else if let flag = value.bool {
                values[key] = String(flag)
            } else {
                throw XenError.badDefaults(path: path, reason: "\(key) must be a string, integer or boolean")
            }
            try checkName(key, in: path)
        }
        return values
    }

    static func checkName(_ key: String, in text: String) throws {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
            key.unicodeScalars.allSatisfy({ $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        else { throw XenError.badVariable(text, reason: "a variable name starts with a letter and holds letters, digits, _ - .") }
    }

    /// `text` with each `${key}` replaced; `$$` stays a literal `$`.
    /// - Throws: ``XenError/undefinedVariable(name:field:)`` naming `field` for an unknown key or an unclosed `${`.
    public func substitute(_ text: String, field: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                result += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{") {
                guard let close = after.firstIndex(of: "}") else {
                    throw XenError.undefinedVariable(name: String(after.dropFirst()), field: field)
                }
                let name = String(after[after.index(after: after.startIndex)..<close])
                guard let value = values[name] else { throw XenError.undefinedVariable(name: name, field: field) }
                result += value
                rest = after[after.index(after: close)...]
            } else {
                result += "$"
                rest = after
            }
        }
        return result + rest
    }
}
