import BootConfig

/// One bootable entry of an image in the catalog: where its kernel and initrds are inside the ISO and the
/// parameters from its menu.
public struct NetbootEntry: Hashable, Sendable, Codable {
    /// The menu title.
    public var title: String
    /// The kernel's absolute path inside the ISO; empty for a memdisk entry (memdisk is served from the host).
    public var kernel: String
    /// Initial ramdisks' absolute paths inside the ISO, in load order.
    public var initrds: [String]
    /// The parameters the entry's menu gives, before network parameters are added.
    public var menuParameters: [String]
    /// Whether the image's menu boots this entry by default.
    public var isDefault: Bool
    /// The menu (absolute path in the ISO) the entry came from; empty for memdisk.
    public var source: String
    /// The URLs and full command line iPXE uses, once the catalog is resolved against a base URL
    /// (``NetbootCatalog/resolved(baseURL:extraParameters:)``); `nil` before that.
    public var target: IPXEBootTarget?

    /// Creates an entry.
    public init(
        title: String, kernel: String, initrds: [String], menuParameters: [String], isDefault: Bool, source: String,
        target: IPXEBootTarget? = nil
    ) {
        self.title = title
        self.kernel = kernel
        self.initrds = initrds
        self.menuParameters = menuParameters
        self.isDefault = isDefault
        self.source = source
        self.target = target
    }
}
