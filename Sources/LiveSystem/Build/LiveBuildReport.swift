/// What `isokit build` wrote (the `--json` summary).
public struct LiveBuildReport: Hashable, Sendable, Codable {
    /// One squashfs layer in the image.
    public struct Layer: Hashable, Sendable, Codable {
        /// The file name under `/live`.
        public var file: String
        /// Where its contents came from (a directory, or `rescue`).
        public var source: String
        /// Its size in bytes.
        public var bytes: Int64
        /// The number of entries (files, directories, links) in it.
        public var entries: Int
        /// Its SHA-256, hex.
        public var sha256: String
    }

    /// The image path.
    public var output: String
    /// The image size in bytes.
    public var bytes: Int64
    /// The volume id (the medium label).
    public var volumeID: String
    /// The kernel packed.
    public var kernel: KernelSource
    /// The initramfs size in bytes.
    public var initramfsBytes: Int64
    /// The number of kernel modules in the initramfs.
    public var initramfsModules: Int
    /// The layers, lowest first.
    public var layers: [Layer]
    /// The GRUB menu entry titles.
    public var bootEntries: [String]
    /// The files added for ``LiveBuildOptions/programs`` (`--add`), in `80-programs.squashfs`.
    public var addedFiles: [ClosureFile] = []
    /// The architectures the image boots on; ``kernel`` and the initramfs figures are the first one's, and the
    /// layers of the others are named `ARCH/FILE` (in `/live/ARCH`).
    public var architectures: [LiveArchitecture] = [.x86_64]
}
