import Compression
import Foundation
import SquashFS

/// A recipe file (TOML) naming a live build's inputs and settings, for builds kept in version control.
///
/// ```toml
/// root = "rootfs/"              # a directory or a tar archive; leave out for the rescue default (or use [debian])
/// layers = ["tools/", "site/"]  # extra layers above the root, lowest first
/// kernel = "/boot/vmlinuz-6.1.0-56-cloud-amd64"
/// arch = "x86_64"               # or "aarch64": the architectures the image boots on, comma-separated
/// volume_id = "RESCUE_2026"
/// compression = "xz"
/// cmdline = ["quiet"]
/// timeout = 3
/// secure_boot = true           # UEFI Secure Boot: Debian's signed shim and GRUB, a signed kernel
///
/// add = ["/usr/bin/rsync"]     # host programs, copied with every shared library they need
///
/// [[files]]
/// source = "motd"
/// target = "/etc/motd"
///
/// [[entries]]
/// title = "rescue, serial console only"
/// cmdline = ["console=ttyS0,115200"]
///
/// [xen]                         # a Xen live CD: Xen boots first, the live system is dom0
/// hypervisor = "/boot/xen-4.17-amd64.gz"
/// options = ["dom0_mem=2048M,max:2048M"]
/// toolstack = true              # xl, xenstored, xenconsoled from xen-utils-4.17 in a rescue dom0
/// ```
/// Relative paths are relative to the recipe file's directory. Unknown keys are errors.
public struct LiveRecipe: Decodable, Hashable, Sendable {
    /// A host file copied into the image's top layer.
    public struct File: Decodable, Hashable, Sendable {
        /// The file on the host.
        public var source: String
        /// Its absolute path in the live system.
        public var target: String
        /// Its permission bits as an octal string (`"0755"`); the source's if absent.
        public var mode: String?
    }

    /// `[debian]`: a root made with debootstrap instead of `root`.
    public struct Debian: Decodable, Hashable, Sendable {
        /// The Debian release.
        public var suite: String
        /// debootstrap's variant; `minbase` if absent.
        public var variant: String?
        /// Packages to include.
        public var packages: [String]?
        /// The archive; `http://deb.debian.org/debian` if absent.
        public var mirror: String?
    }

    /// An extra boot menu entry.
    public struct Entry: Decodable, Hashable, Sendable {
        /// The menu title.
        public var title: String
        /// Kernel parameters added to the default ones.
        public var cmdline: [String]
    }

    /// `[xen]`: a Xen live CD (as `isokit build --xen`).
    public struct Xen: Decodable, Hashable, Sendable {
        /// The hypervisor on the build host; ``LiveXenOptions/defaultHypervisor`` if absent.
        public var hypervisor: String?
        /// Xen command line words for every Xen entry; ``LiveXenOptions/defaultOptions`` if absent.
        public var options: [String]?
        /// Whether a rescue dom0 gets Xen's toolstack (``LiveXenOptions/toolstack``); `true` if absent.
        public var toolstack: Bool?
    }

    /// `root`: the root directory; the rescue default if absent.
    public var root: String?
    /// `[debian]`: a Debian root made with debootstrap (as root, cached).
    public var debian: Debian?
    /// `layers`: directories packed above the root, lowest first.
    public var layers: [String]?
    /// `kernel`: the kernel image.
    public var kernel: String?
    /// `modules`: the kernel's modules directory.
    public var modules: String?
    /// `arch`: the architectures, comma-separated (`x86_64`, `aarch64`); x86_64 if absent.
    public var arch: String?
    /// `busybox`: the static busybox.
    public var busybox: String?
    /// `init`: the program started in the live root.
    public var rootInit: String?
    /// `volume_id`: the volume id and medium label.
    public var volumeID: String?
    /// `compression`: the layer compressor.
    public var compression: String?
    /// `initramfs_compression`: the initramfs compressor.
    public var initramfsCompression: String?
    /// `cmdline`: kernel parameters for every entry.
    public var cmdline: [String]?
    /// `timeout`: seconds the boot menu waits.
    public var timeout: Int?
    /// `all_root`: record every file as owned by root.
    public var allRoot: Bool?
    /// `uid_map`: `"FROM:TO"` user id translations.
    public var uidMap: [String]?
    /// `gid_map`: `"FROM:TO"` group id translations.
    public var gidMap: [String]?
    /// `add`: host programs (absolute paths) added with their interpreter and libraries (see ``ProgramClosure``).
    public var add: [String]?
    /// `[[files]]`: host files added to the live system.
    public var files: [File]?
    /// `[[entries]]`: extra boot menu entries.
    public var entries: [Entry]?
    /// `[xen]`: make a Xen live CD.
    public var xen: Xen?
    /// `secure_boot`: boot UEFI through Debian's signed shim and GRUB (as `isokit build --secure-boot`).
    public var secureBoot: Bool?

    enum CodingKeys: String, CodingKey {
        case root, debian, layers, kernel, modules, busybox, arch, compression, cmdline, timeout, add, files, entries, xen
        case rootInit = "init"
        case volumeID = "volume_id"
        case initramfsCompression = "initramfs_compression"
        case allRoot = "all_root"
        case uidMap = "uid_map"
        case gidMap = "gid_map"
        case secureBoot = "secure_boot"
    }

    /// Reads and checks the recipe at `path`.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the file and the TOML error or unknown key.
    public static func load(_ path: String) throws(LiveBuildError) -> LiveRecipe {
        do {
            return try StrictTOML.decode(LiveRecipe.self, from: path)
        } catch {
            throw .badInput(path: error.path, reason: error.reason)
        }
    }

    /// Build options for this recipe, read from `recipePath`, writing `output`.
    /// - Throws: ``LiveBuildError/invalidOption(_:)`` for an unknown compressor or a bad mode.
    public func options(recipePath: String, output: String) throws(LiveBuildError) -> LiveBuildOptions {
        let base = URL(fileURLWithPath: recipePath).deletingLastPathComponent()
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : base.appendingPathComponent(path).path }
        var options = LiveBuildOptions(root: root.map { .path(resolve($0)) } ?? .rescue, output: output)
        if let debian {
            guard root == nil else { throw .invalidOption("a recipe names either root or [debian], not both") }
            var made = DebianRoot(suite: debian.suite, packages: debian.packages ?? [])
            made.variant = debian.variant ?? made.variant
            made.mirror = debian.mirror ?? made.mirror
            options.root = .debian(made)
        }
        options.layers = (layers ?? []).map(resolve)
        options.kernel = kernel.map(resolve)
        options.modules = modules.map(resolve)
        if let arch { options.architectures = try LiveArchitecture.list(arch) }
        if let busybox { options.busybox = resolve(busybox) }
        if let rootInit { options.rootInit = rootInit }
        options.volumeID = volumeID
        if let compression {
            guard let value = SquashFSCompressor(rawValue: compression) else {
                throw .invalidOption("compression \(String(reflecting: compression)): use zstd, xz, gzip or lz4")
            }
            options.layerCompression = value
        }
        if let initramfsCompression {
            guard let value = CompressionFormat(rawValue: initramfsCompression), value != .none else {
                throw .invalidOption("initramfs_compression \(String(reflecting: initramfsCompression)): use zstd, gzip, xz or lz4")
            }
            options.initramfsCompression = value
        }
        options.cmdlineExtra = cmdline ?? []
        if let timeout { options.menuTimeout = timeout }
        options.programs = add ?? []
        options.files = try (files ?? []).map { file throws(LiveBuildError) in
            var mode: UInt16?
            if let text = file.mode {
                guard let value = UInt16(text, radix: 8), value <= 0o7777 else {
                    throw .invalidOption("files: mode \(String(reflecting: text)) for \(file.target) is not octal permission bits")
                }
                mode = value
            }
            return LiveFile(source: resolve(file.source), target: file.target, mode: mode)
        }
        options.ownership = try LiveOwnership.parse(allRoot: allRoot ?? false, users: uidMap ?? [], groups: gidMap ?? [])
        options.extraEntries = (entries ?? []).map { LiveBootEntry(title: $0.title, parameters: $0.cmdline) }
        if let xen {
            options.xen = LiveXenOptions(
                hypervisor: xen.hypervisor.map(resolve) ?? LiveXenOptions.defaultHypervisor,
                options: xen.options ?? LiveXenOptions.defaultOptions, toolstack: xen.toolstack ?? true)
        }
        if secureBoot == true { options.secureBoot = SecureBootOptions() }
        return options
    }
}
