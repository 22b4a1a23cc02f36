/// A kernel image and the modules directory built for it.
public struct KernelSource: Hashable, Sendable, Codable {
    /// The kernel image (`vmlinuz`).
    public var image: String
    /// The kernel release, e.g. `6.1.0-56-cloud-amd64`.
    public var release: String
    /// `/lib/modules/RELEASE` for this kernel.
    public var modulesDirectory: String
    /// Where it was found.
    public var origin: KernelOrigin

    /// Creates a kernel source.
    public init(image: String, release: String, modulesDirectory: String, origin: KernelOrigin) {
        self.image = image
        self.release = release
        self.modulesDirectory = modulesDirectory
        self.origin = origin
    }
}
