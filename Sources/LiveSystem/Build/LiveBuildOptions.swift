import Compression
import SquashFS

/// Everything `isokit build` can be told.
public struct LiveBuildOptions: Sendable {
    /// The base layer's source.
    public var root: LiveRootInput
    /// Directories packed as extra layers above the base, lowest first.
    public var layers: [String]
    /// The image to write.
    public var output: String
    /// A kernel image (`--kernel`); found by ``KernelLocator`` if `nil`.
    public var kernel: String?
    /// The kernel's modules directory (`--modules`).
    public var modules: String?
    /// The static busybox for the initramfs and the rescue root.
    public var busybox: String
    /// The ISO 9660 volume id, also the label the init looks for; a dated `ISOKIT_…` id if `nil`.
    public var volumeID: String?
    /// The squashfs compressor for the layers.
    public var layerCompression: SquashFSCompressor
    /// The initramfs compressor.
    public var initramfsCompression: CompressionFormat
    /// Kernel parameters added to every boot entry.
    public var cmdlineExtra: [String]
    /// Owners recorded for the root and the layers; `nil` means ``LiveOwnership/hostTreeDefault`` (tar roots keep
    /// the archive's owners).
    public var ownership: SquashFSOwnership?
    /// Host programs (`--add`, absolute paths below ``programRoot``) added with their interpreter and every shared
    /// library they need, in a layer of their own (`80-programs.squashfs`); see ``ProgramClosure``.
    public var programs: [String]
    /// Host files added in a top layer of their own.
    public var files: [LiveFile]
    /// Boot menu entries after the built-in ones.
    public var extraEntries: [LiveBootEntry]
    /// Seconds the GRUB menu waits.
    public var menuTimeout: Int
    /// The program the init starts in the live root.
    public var rootInit: String
    /// A fixed time for every time stamp (`SOURCE_DATE_EPOCH`): the same inputs give the same bytes.
    public var sourceDateEpoch: Int64?
    /// isokit's cache (kernels).
    public var cache: IsokitCache
    /// GRUB's platform directories.
    public var grubLibrary: String
    /// The host root directory searched for a kernel (`/` except in tests).
    public var hostRoot: String
    /// The directory that plays `/` for ``programs``, their libraries and `ld.so.conf` (`/` except in tests).
    public var programRoot: String
    /// A Xen live CD (`--xen`): the hypervisor boots first and the live system runs as its dom0, on Debian's
    /// generic kernel unless ``kernel`` names one. `nil` for a plain live image.
    public var xen: LiveXenOptions?
    /// A Secure Boot image (`--secure-boot`): Debian's signed shim and GRUB start the UEFI path, and the kernel
    /// must be signed. `nil` for isokit's own unsigned GRUB.
    public var secureBoot: SecureBootOptions?
    /// The architectures the image boots on (`--arch`); x86_64 by default. Another architecture than the build
    /// host's takes its busybox, kernel and GRUB from Debian packages of that architecture in isokit's cache.
    public var architectures: [LiveArchitecture] = [.x86_64]
    /// The rescue tools' root for a rescue default of another architecture than the host's, found by the build.
    var rescueToolsRoot: String?

    /// Options for a build of `root` into `output`, with isokit's defaults for the rest.
    public init(root: LiveRootInput, output: String) {
        self.root = root
        self.output = output
        layers = []
        busybox = "/bin/busybox"
        layerCompression = .zstd
        initramfsCompression = .zstd
        cmdlineExtra = []
        programs = []
        files = []
        extraEntries = []
        menuTimeout = 5
        rootInit = "/sbin/init"
        cache = IsokitCache()
        grubLibrary = "/usr/lib/grub"
        hostRoot = "/"
        programRoot = "/"
    }
}
