import Foundation

/// Finds the kernel for a live build: `--kernel`/`--modules`, else the root's `/boot`, else the host's, else
/// isokit's cache. Every place looked at is remembered for the error message.
public struct KernelLocator: Sendable {
    /// A kernel image named by the user, if any.
    public var kernel: String?
    /// A modules directory named by the user, if any.
    public var modules: String?
    /// The root file system being built, if any (not for the rescue default).
    public var root: String?
    /// The host's root directory, `/` except in tests.
    public var hostRoot: String
    /// isokit's cache.
    public var cache: IsokitCache
    /// The architecture directory name in the cache (`x86_64`).
    public var architecture: String
    /// The flavour of the cached kernels considered; kernels of other flavours in the cache are passed over.
    public var cacheFlavour: KernelFlavour
    /// Whether the host's `/boot` is searched; not for a live system of another architecture than the host's.
    public var searchesHost = true

    /// Creates a locator.
    public init(
        kernel: String? = nil, modules: String? = nil, root: String? = nil, hostRoot: String = "/",
        cache: IsokitCache = IsokitCache(), architecture: String = "x86_64", cacheFlavour: KernelFlavour = .cloud
    ) {
        self.kernel = kernel
        self.modules = modules
        self.root = root
        self.hostRoot = hostRoot
        self.cache = cache
        self.architecture = architecture
        self.cacheFlavour = cacheFlavour
    }

    /// Finds the kernel.
    /// - Throws: ``LiveBuildError/noKernel(tried:)`` listing every place tried, or
    ///   ``LiveBuildError/noModules(kernel:release:tried:)`` for a named kernel whose modules are nowhere.
    public func locate() throws(LiveBuildError) -> KernelSource {
        if let kernel { return try explicitKernel(kernel) }
        var tried: [String] = []
        var places: [(String, KernelOrigin)] = []
        if let root { places.append((root, .root)) }
        if searchesHost { places.append((hostRoot, .host)) }
        for (base, origin) in places {
            if let found = newestKernel(in: base, origin: origin, tried: &tried) { return found }
        }
        if let found = newestCachedKernel(tried: &tried) { return found }
        throw .noKernel(tried: tried)
    }

    /// The newest kernel of ``cacheFlavour`` in the cache that has its modules; notes why others did not do.
    func newestCachedKernel(tried: inout [String]) -> KernelSource? {
        let cached = cache.kernelsDirectory(architecture: architecture)
        let releases = ((try? FileManager.default.contentsOfDirectory(atPath: cached)) ?? [])
            .filter { cacheFlavour.matches(release: $0) }
        if releases.isEmpty {
            tried.append(
                cacheFlavour == .cloud
                    ? "\(cached): no kernel fetched (run `isokit kernel fetch`)"
                    : "\(cached): no \(cacheFlavour.rawValue) kernel fetched (run `isokit kernel fetch --flavour \(cacheFlavour.rawValue)`)")
        }
        for release in releases.sorted(by: Self.isNewer(_:than:)) {
            if let found = newestKernel(in: "\(cached)/\(release)", origin: .cache, tried: &tried) { return found }
        }
        return nil
    }

    /// A kernel named with `--kernel`: its modules are `--modules`, else found by the release in its file name.
    private func explicitKernel(_ image: String) throws(LiveBuildError) -> KernelSource {
        guard HostPath.isReadableFile(image) else { throw .noKernel(tried: ["\(image): not a readable file"]) }
        let name = (image as NSString).lastPathComponent
        if let modules {
            guard HostPath.isDirectory(modules) else { throw .badInput(path: modules, reason: "not a modules directory") }
            return KernelSource(
                image: image, release: (modules as NSString).lastPathComponent, modulesDirectory: modules,
                origin: .explicit)
        }
        guard name.hasPrefix("vmlinuz-") else {
            throw .noModules(kernel: image, release: "?", tried: ["the file name has no release (vmlinuz-RELEASE)"])
        }
        let release = String(name.dropFirst("vmlinuz-".count))
        let bootDirectory = (image as NSString).deletingLastPathComponent
        let candidates = [(bootDirectory as NSString).deletingLastPathComponent, root, hostRoot].compactMap { $0 }
            .flatMap { base in Self.modulesCandidates(base: base, release: release) }
        guard let found = candidates.first(where: HostPath.isDirectory) else {
            throw .noModules(kernel: image, release: release, tried: candidates.map { "\($0): missing" })
        }
        return KernelSource(image: image, release: release, modulesDirectory: found, origin: .explicit)
    }

    /// The newest `boot/vmlinuz-RELEASE` under `base` that is readable and has its modules directory.
    private func newestKernel(in base: String, origin: KernelOrigin, tried: inout [String]) -> KernelSource? {
        let boot = base == "/" ? "/boot" : "\(base)/boot"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: boot)) ?? [])
            .filter { $0.hasPrefix("vmlinuz-") }
        guard !names.isEmpty else {
            tried.append("\(boot): no vmlinuz-RELEASE")
            return nil
        }
        for name in names.sorted(by: { Self.isNewer($0, than: $1) }) {
            let image = "\(boot)/\(name)"
            let release = String(name.dropFirst("vmlinuz-".count))
            guard HostPath.isReadableFile(image) else {
                tried.append("\(image): not readable")
                continue
            }
            let candidates = Self.modulesCandidates(base: base, release: release)
            guard let modules = candidates.first(where: HostPath.isDirectory) else {
                tried.append("\(image): no \(candidates[0])")
                continue
            }
            return KernelSource(image: image, release: release, modulesDirectory: modules, origin: origin)
        }
        return nil
    }

    /// `lib/modules/RELEASE` and `usr/lib/modules/RELEASE` under `base`.
    private static func modulesCandidates(base: String, release: String) -> [String] {
        let prefix = base == "/" ? "" : base
        return ["\(prefix)/lib/modules/\(release)", "\(prefix)/usr/lib/modules/\(release)"]
    }

    /// Orders kernel names newest first, comparing digit runs as numbers (6.10 after 6.9).
    static func isNewer(_ left: String, than right: String) -> Bool {
        left.compare(right, options: .numeric) == .orderedDescending
    }
}
