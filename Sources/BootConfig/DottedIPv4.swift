/// IPv4 addresses as the configurations isokit writes take them (iPXE `set net0/ip`, dnsmasq `dhcp-range`): four
/// decimal numbers 0–255 joined by dots, digits only.
enum DottedIPv4 {
    /// Whether `text` is a dotted IPv4 address.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            part.count <= 3 && part.allSatisfy { $0 >= "0" && $0 <= "9" } && UInt8(part) != nil
        }
    }
}
