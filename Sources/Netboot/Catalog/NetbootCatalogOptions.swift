/// What a catalog scan offers besides each image's own menus.
public struct NetbootCatalogOptions: Hashable, Sendable {
    /// syslinux's memdisk on the host, served as `/memdisk` for ISOs of no network-capable family; `nil` to offer
    /// no memdisk entries. Defaults to `/usr/lib/syslinux/memdisk` when that file exists.
    public var memdiskPath: String?
    /// ISOs larger than this are not offered through memdisk (the whole image goes into the client's RAM).
    public var memdiskLimitBytes: Int64

    /// Creates options.
    public init(memdiskPath: String? = NetbootCatalogOptions.installedMemdisk, memdiskLimitBytes: Int64 = 512 << 20) {
        self.memdiskPath = memdiskPath
        self.memdiskLimitBytes = memdiskLimitBytes
    }

    /// `/usr/lib/syslinux/memdisk` if it exists (Debian's `syslinux-common`), else `nil`.
    public static var installedMemdisk: String? {
        let path = "/usr/lib/syslinux/memdisk"
        return FileIdentity.of(path) != nil ? path : nil
    }
}
