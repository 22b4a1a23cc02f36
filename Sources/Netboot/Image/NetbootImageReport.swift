/// What `isokit netboot image` wrote.
public struct NetbootImageReport: Hashable, Sendable, Codable {
    /// The image path.
    public var output: String
    /// Its format.
    public var format: NetbootImageFormat
    /// Its size in bytes.
    public var bytes: Int64
    /// The iPXE script BIOS machines run (`/ipxe/script.ipxe` in the image); `nil` for a `.efi` loader.
    public var script: String?
    /// The GRUB menu UEFI machines fetch and run; `nil` when the image boots on BIOS only.
    public var uefiMenuURL: String?

    /// Creates a report.
    public init(output: String, format: NetbootImageFormat, bytes: Int64, script: String?, uefiMenuURL: String? = nil) {
        self.output = output
        self.format = format
        self.bytes = bytes
        self.script = script
        self.uefiMenuURL = uefiMenuURL
    }
}
