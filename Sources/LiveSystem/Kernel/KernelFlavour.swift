/// Which of Debian's kernel builds a live system uses: both come from the host's apt as packages, never installed.
public enum KernelFlavour: String, Hashable, Sendable, Codable, CaseIterable {
    /// `linux-image-cloud-ARCH`: small, with the virtual hardware drivers; a Xen PV/PVH guest but never a dom0
    /// (`# CONFIG_XEN_DOM0 is not set`). isokit's default.
    case cloud
    /// `linux-image-ARCH`: every driver, and `CONFIG_XEN_DOM0=y`, so it can run as Xen's dom0.
    case generic

    /// The Debian metapackage naming the current kernel package for `architecture` (Debian's name, `amd64`).
    public func metapackage(debianArchitecture: String = "amd64") -> String {
        switch self {
        case .cloud: "linux-image-cloud-\(debianArchitecture)"
        case .generic: "linux-image-\(debianArchitecture)"
        }
    }

    /// Whether a kernel release (`6.1.0-56-cloud-amd64`, `6.1.0-56-amd64`) is of this flavour. Debian names the
    /// flavour between the ABI number and the architecture; the generic one has nothing there.
    public func matches(release: String) -> Bool {
        let words = release.split(separator: "-")
        guard words.count >= 2, words[0].first?.isNumber == true else { return false }
        let flavourWords = words.dropFirst().drop { $0.allSatisfy(\.isNumber) }.dropLast()
        switch self {
        case .cloud: return flavourWords.elementsEqual(["cloud"])
        case .generic: return flavourWords.isEmpty
        }
    }
}
