/// A loadable kernel module in a modules directory (`/lib/modules/RELEASE`).
public struct KernelModule: Hashable, Sendable {
    /// The module's name, with `-` normalised to `_` (`xen_blkfront` for `xen-blkfront.ko`).
    public var name: String
    /// The file's path relative to the modules directory (`kernel/drivers/block/loop.ko.xz`).
    public var path: String
    /// The names of the modules it needs, normalised: direct ones from `.modinfo`, or all of them from
    /// `modules.dep`.
    public var dependencies: [String]
    /// Modules to load before this one if available (`softdep=pre:` in `.modinfo`; empty from `modules.dep`).
    public var softdepPre: [String]
    /// The names and patterns it is loaded for (`alias=` in `.modinfo`, or `modules.alias`).
    public var aliases: [String]

    /// Creates a module.
    public init(
        name: String, path: String, dependencies: [String] = [], softdepPre: [String] = [], aliases: [String] = []
    ) {
        self.name = name
        self.path = path
        self.dependencies = dependencies
        self.softdepPre = softdepPre
        self.aliases = aliases
    }

    /// The file name endings of module files: plain, and compressed as `CONFIG_MODULE_COMPRESS_*` leaves them.
    public static let fileExtensions = [".ko", ".ko.xz", ".ko.zst", ".ko.gz"]

    /// `name` as the kernel compares module names: `-` replaced by `_`.
    public static func normalizedName(_ name: some StringProtocol) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }

    /// The normalised module name of a module file path (`kernel/fs/nls/nls_iso8859-1.ko.zst` → `nls_iso8859_1`), or
    /// `nil` if the path does not end in one of ``fileExtensions``.
    public static func name(fromPath path: some StringProtocol) -> String? {
        let file = String(path.split(separator: "/" as Character).last ?? "")
        for ending in fileExtensions where file.hasSuffix(ending) && file.count > ending.count {
            return normalizedName(file.dropLast(ending.count))
        }
        return nil
    }
}
