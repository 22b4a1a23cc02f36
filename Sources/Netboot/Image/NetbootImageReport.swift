/// What `isokit netboot image` wrote.
public struct NetbootImageReport: Hashable, Sendable, Codable {
    /// The image path.
    public var output: String
    /// Its format.
    public var format: NetbootImageFormat
    /// Its size in bytes.
    public var bytes: Int64
    /// The embedded iPXE script (`/ipxe/script.ipxe` in the image).
    public var script: String

    /// Creates a report.
    public init(output: String, format: NetbootImageFormat, bytes: Int64, script: String) {
        self.output = output
        self.format = format
        self.bytes = bytes
        self.script = script
    }
}
