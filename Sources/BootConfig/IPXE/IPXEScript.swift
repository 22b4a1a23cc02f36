/// An iPXE script: the `#!ipxe` signature line and the lines after it.
///
/// Spec: iPXE scripting (ipxe.org/scripting, ipxe.org/cmd).
public struct IPXEScript: Hashable, Sendable {
    /// The lines after `#!ipxe`, in order.
    public var lines: [IPXELine]

    /// Creates a script from its lines.
    public init(lines: [IPXELine] = []) {
        self.lines = lines
    }

    /// The script text: `#!ipxe`, then one line each, each ending in a newline.
    public func render() -> String {
        (["#!ipxe"] + lines.map { $0.render() }).joined(separator: "\n") + "\n"
    }

    /// Checks what iPXE would misread: every command word is a single token and every label is well formed.
    /// - Parameter expansions: Words that deliberately expand a setting (such as `${target}`), allowed as they are.
    /// - Throws: ``BootConfigError/invalidValue(field:value:reason:)`` naming the first bad word or label.
    public func validate(allowing expansions: Set<String> = []) throws(BootConfigError) {
        for line in lines {
            switch line {
            case .label(let label) where !IPXEQuoting.isLabel(label):
                throw .invalidValue(field: "iPXE label", value: label, reason: "use letters, digits, - _ and .")
            case .command(let command):
                if let bad = command.invalidWords.first(where: { !expansions.contains($0) }) {
                    throw .invalidValue(
                        field: "iPXE \(command.name) argument", value: bad, reason: "must be one word without ${")
                }
            default: continue
            }
        }
    }
}
