import LiveSystem

/// Builds a guest's kernel command line from a menu entry's parameters.
///
/// Under Xen PV there is no VGA and no serial port: the console is `hvc0`, and the ISO is the guest's block device
/// `xvdc`. So the entry's console, video and splash parameters go, parameters that still hold GRUB variables go
/// (nothing expands them), and the family's way of naming its medium is set to `/dev/xvdc`:
///
/// | family | medium parameters |
/// |---|---|
/// | isokit | `isokit.media=/dev/xvdc` (the entry's `isokit.label=` stays as a fallback; the init tries media first) |
/// | archiso, SystemRescue | `archisobasedir=BASE archisodevice=/dev/xvdc` (the label search parameters go) |
/// | Debian live-boot | `live-media=/dev/xvdc` (`findiso=`/`fromiso=`/`bootfrom=` go) |
/// | casper | `live-media=/dev/xvdc` (casper(7): `live-media=`/`bootfrom=` name the device holding `/casper`) |
///
/// A static address becomes `ip=ADDR::GATEWAY:NETMASK::eth0:off` (the initramfs-tools/klibc form that live-boot and
/// mkinitcpio's net hook read; isokit's rescue system ignores it and uses DHCP) or, for casper,
/// `ip=eth0,ADDR,NETMASK,GATEWAY` as casper(7) documents.
public enum XenCommandLine {
    /// The Xen PV console.
    public static let console = "console=hvc0"
    /// The device the ISO is attached at.
    public static let mediumDevice = "/dev/xvdc"

    /// Whether a parameter is noise or harmful under Xen PV (consoles, video modes, splash screens, GRUB variables).
    public static func isDropped(_ word: String) -> Bool {
        if word.contains("$") { return true }
        let key = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        let droppedKeys: Set<String> = ["console", "vga", "video", "splash", "fbcon", "BOOT_IMAGE", "initrd", "plymouth.enable",
                                        "earlyprintk"]
        return droppedKeys.contains(key) || word == "splash" || word == "nosplash"
    }

    /// Parameters that locate the medium for `family`, which the family's own parameters replace.
    static func replacedKeys(for family: LiveFamily?) -> Set<String> {
        switch family {
        case .isokit: ["isokit.media"]
        case .archiso: ["archisodevice", "archisolabel", "archisosearchuuid", "archisosearchfilename", "archisobasedir",
                        "img_dev", "img_loop"]
        case .debianLive: ["live-media", "bootfrom", "findiso", "fromiso"]
        case .casper: ["live-media", "bootfrom", "iso-scan/filename", "findiso"]
        case nil: []
        }
    }

    /// The medium parameters for `family` (`baseDirectory` is archiso's `archisobasedir`).
    public static func mediumParameters(for family: LiveFamily?, baseDirectory: String?) -> [String] {
        switch family {
        case .isokit: ["isokit.media=\(mediumDevice)"]
        case .archiso: ["archisobasedir=\(baseDirectory ?? "arch")", "archisodevice=\(mediumDevice)"]
        case .debianLive, .casper: ["live-media=\(mediumDevice)"]
        case nil: []
        }
    }

    /// The static address parameter for `family`.
    public static func addressParameter(
        _ ip: IPv4Address, netmask: IPv4Address, gateway: IPv4Address?, family: LiveFamily?
    ) -> String {
        let gatewayText = gateway.map(String.init(describing:)) ?? ""
        if family == .casper { return "ip=eth0,\(ip),\(netmask),\(gatewayText)" }
        return "ip=\(ip)::\(gatewayText):\(netmask)::eth0:off"
    }

    /// The guest's parameters: the entry's (minus dropped and replaced ones, and any `ip=` when an address is
    /// given), the medium parameters, the address, `console=hvc0`, then `extra`. Ubuntu's `---` separator stays
    /// last among the entry's words.
    public static func parameters(
        entry: [String], family: LiveFamily?, baseDirectory: String?, address: String?, extra: [String]
    ) -> [String] {
        let replaced = replacedKeys(for: family)
        var kept: [String] = []
        var tail: [String] = []
        for word in entry {
            if word == "---" {
                tail.append(word)
                continue
            }
            let key = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if isDropped(word) || replaced.contains(key) || (address != nil && key == "ip") { continue }
            if tail.isEmpty { kept.append(word) } else { tail.append(word) }
        }
        var added = mediumParameters(for: family, baseDirectory: baseDirectory)
        if let address { added.append(address) }
        added.append(console)
        return kept + added + extra + tail
    }
}
