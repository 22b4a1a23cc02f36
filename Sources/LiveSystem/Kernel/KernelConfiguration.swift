import Foundation

/// A kernel's build configuration, `/boot/config-RELEASE` beside the image, read for the options a live system
/// depends on (Linux `Documentation/kbuild/kconfig.rst`: `CONFIG_X=y`, `=m`, `# CONFIG_X is not set`).
public struct KernelConfiguration: Hashable, Sendable {
    /// The file read.
    public var path: String
    /// The options set, by name (`CONFIG_XEN_DOM0` → `y`); options written as "is not set" are absent.
    public var options: [String: String]

    /// Reads the configuration text of `path`.
    public init(text: String, path: String) {
        self.path = path
        var options: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("CONFIG_") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            options[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        self.options = options
    }

    /// The configuration of `kernel`: `config-RELEASE` in the kernel image's directory, or `nil` if there is none
    /// (a kernel named with `--kernel` need not come with one).
    /// - Throws: A host error if the file exists but cannot be read.
    public static func of(_ kernel: KernelSource) throws -> KernelConfiguration? {
        let directory = (kernel.image as NSString).deletingLastPathComponent
        let path = "\(directory)/config-\(kernel.release)"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return KernelConfiguration(text: try String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    /// Whether the kernel can run as Xen's dom0 (`CONFIG_XEN_DOM0=y`).
    public var supportsXenDom0: Bool { options["CONFIG_XEN_DOM0"] == "y" }

    /// Whether the kernel drives SATA controllers, the CD drives of real machines and QEMU's q35
    /// (`CONFIG_SATA_AHCI=y` or `=m`).
    public var drivesSATA: Bool { ["y", "m"].contains(options["CONFIG_SATA_AHCI"]) }
}
