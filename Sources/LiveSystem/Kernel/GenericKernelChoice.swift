/// The kernel of a build that needs what only Debian's generic flavour has, when no `--kernel` names one: a Xen
/// dom0 (`CONFIG_XEN_DOM0`), or the SATA and USB drivers of the real machines a Secure Boot image is made for
/// (the cloud flavour has no AHCI driver, so it finds no SATA CD drive).
enum GenericKernelChoice {
    /// The root's or the host's kernel, or the newest in the cache's generic directory, if its configuration
    /// `suits`; otherwise Debian's generic kernel, fetched into the cache.
    /// - Parameters:
    ///   - locator: Where to look (its `kernel` is `nil`; its cache flavour generic).
    ///   - cache: The cache to fetch into.
    ///   - suits: What the build needs of the kernel's configuration.
    /// - Throws: ``KernelFetcher/fetch()``'s errors, or a host error reading a configuration.
    static func kernel(
        locator: KernelLocator, cache: IsokitCache, suits: (KernelConfiguration) -> Bool
    ) async throws -> KernelSource {
        // Not finding one is the cue to fetch one, so the locator's error has nothing to add here. The root's or
        // the host's kernel may well be a cloud one; a generic kernel in the cache comes before fetching.
        var tried: [String] = []
        for candidate in [try? locator.locate(), locator.newestCachedKernel(tried: &tried)].compactMap({ $0 })
        where try KernelConfiguration.of(candidate).map(suits) == true {
            return candidate
        }
        return try await KernelFetcher(cache: cache, flavour: .generic).fetch()
    }
}
