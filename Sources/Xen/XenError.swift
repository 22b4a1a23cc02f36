import BootConfig

/// Why a Xen guest or a PV-GRUB menu could not be planned or written.
public enum XenError: Error, Hashable, Sendable {
    /// No boot menu of the image has an entry that boots a Linux kernel; `menus` names the menu files read (with
    /// the reason a menu could not be read, if any).
    case noBootEntry(image: String, menus: [String])
    /// `--entry` matches nothing; `available` lists the entries of the menu the index counts in.
    case noSuchEntry(BootEntrySelector, available: [String])
    /// The chosen entry loads no initrd, so a live system can't find its medium.
    case noInitrd(entry: String, menu: String)
    /// The entry's kernel or initrd path is not a regular file in the image.
    case fileNotInImage(path: String, entry: String)
    /// A path that holds a GRUB variable (`${isofile}/…`) isokit can't resolve without running GRUB.
    case unresolvedPath(path: String, entry: String)
    /// A `${name}` in an option that neither `-D`, the defaults file nor isokit defines.
    case undefinedVariable(name: String, field: String)
    /// A `-D` argument or defaults value isokit can't use, for the reason given.
    case badVariable(String, reason: String)
    /// Not a dotted IPv4 address, or `--count` runs past 255.255.255.255.
    case badAddress(String)
    /// An option value or combination that can't work, for the reason given.
    case invalidOption(String)
    /// The defaults file could not be read or is not a flat TOML table.
    case badDefaults(path: String, reason: String)
    /// A configuration isokit made breaks an xl.cfg(5) rule (a bug in isokit, or a bad `--vif`/`--disk`).
    case invalidConfig(name: String, underlying: XenConfigError)
    /// The boot directory holds no `vmlinuz-VERSION` with a matching `initrd.img-VERSION`.
    case noKernels(directory: String)
    /// `--boot pvgrub2` needs a GRUB Xen build that is not installed.
    case pvgrub2Unavailable(reason: String)
}

extension XenError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .noBootEntry(image, menus):
            "\(image): no boot menu entry loads a Linux kernel (menus read: "
                + (menus.isEmpty ? "none found" : menus.joined(separator: ", ")) + ")"
        case let .noSuchEntry(selector, available):
            "no boot entry \(selector); the menu has: " + available.enumerated().map { "\($0) \($1)" }.joined(separator: ", ")
        case let .noInitrd(entry, menu):
            "entry \"\(entry)\" in \(menu) loads no initrd; a live system needs one to find its medium"
        case let .fileNotInImage(path, entry):
            "entry \"\(entry)\": \(path) is not a file in the image"
        case let .unresolvedPath(path, entry):
            "entry \"\(entry)\": \(path) uses a GRUB variable isokit can't resolve; pick another entry with --entry"
        case let .undefinedVariable(name, field):
            "\(field): ${\(name)} is not defined (use -D \(name)=… or --defaults)"
        case let .badVariable(text, reason):
            "variable \(text): \(reason)"
        case let .badAddress(text):
            "\(text) is not a usable IPv4 address"
        case let .invalidOption(reason):
            reason
        case let .badDefaults(path, reason):
            "\(path): \(reason)"
        case let .invalidConfig(name, underlying):
            "\(name).cfg: \(underlying)"
        case let .noKernels(directory):
            "\(directory): no vmlinuz-VERSION with a matching initrd.img-VERSION"
        case let .pvgrub2Unavailable(reason):
            "--boot pvgrub2: \(reason)"
        }
    }
}
