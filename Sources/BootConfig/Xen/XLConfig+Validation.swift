extension XLConfig {
    /// Settings whose value must be a string.
    static let stringKeys = ["name", "type", "kernel", "ramdisk", "cmdline", "extra", "root", "bootloader", "on_crash",
                             "on_reboot", "on_poweroff", "uuid"]
    /// Settings whose value must be a number.
    static let numberKeys = ["memory", "maxmem", "vcpus", "maxvcpus"]
    /// Settings whose value must be a list of strings.
    static let listKeys = ["disk", "vif", "channel", "pci", "bootloader_args"]

    /// Checks the rules of xl.cfg(5) that isokit relies on: `name` is set; `kernel` and `bootloader` are not both
    /// set; `cmdline` is not combined with `extra` or `root`; `ramdisk` needs `kernel`; `type` is `pv`, `pvh` or
    /// `hvm`; `memory`, `maxmem`, `vcpus` are positive numbers with `maxmem ≥ memory`; disk and vif lists hold
    /// quoted strings only.
    /// - Throws: ``XenConfigError/missingSetting(key:)``, ``XenConfigError/conflictingSettings(_:_:)``,
    ///   ``XenConfigError/wrongType(key:expected:)`` or ``XenConfigError/invalidValue(key:value:reason:)`` for the
    ///   first rule broken.
    ///
    /// Spec: xl.cfg(5), "Selecting Guest Type", "Direct Kernel Boot", "Non direct Kernel Boot", "Devices".
    public func validate() throws(XenConfigError) {
        for key in Self.stringKeys where self[key] != nil && self[key]?.stringValue == nil {
            throw .wrongType(key: key, expected: "quoted string")
        }
        for key in Self.numberKeys where self[key] != nil && self[key]?.numberValue == nil {
            throw .wrongType(key: key, expected: "number")
        }
        for key in Self.listKeys {
            guard let value = self[key] else { continue }
            guard let items = value.listValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw .wrongType(key: key, expected: "list of quoted strings")
            }
        }
        guard let name = self["name"]?.stringValue else { throw .missingSetting(key: "name") }
        guard !name.isEmpty, !name.contains(where: { $0 == "/" || $0.isWhitespace }) else {
            throw .invalidValue(key: "name", value: name, reason: "a domain name is one word without /")
        }
        if let type = self["type"]?.stringValue, !["pv", "pvh", "hvm"].contains(type) {
            throw .invalidValue(key: "type", value: type, reason: "type is pv, pvh or hvm")
        }
        if self["kernel"] != nil, self["bootloader"] != nil { throw .conflictingSettings("kernel", "bootloader") }
        for other in ["extra", "root"] where self["cmdline"] != nil && self[other] != nil {
            throw .conflictingSettings("cmdline", other)
        }
        if self["ramdisk"] != nil, self["kernel"] == nil { throw .missingSetting(key: "kernel (ramdisk needs it)") }
        for key in Self.numberKeys {
            if let value = self[key]?.numberValue, value <= 0 {
                throw .invalidValue(key: key, value: String(value), reason: "must be at least 1")
            }
        }
        if let memory = self["memory"]?.numberValue, let maxmem = self["maxmem"]?.numberValue, maxmem < memory {
            throw .invalidValue(key: "maxmem", value: String(maxmem), reason: "must be at least memory (\(memory))")
        }
    }
}
