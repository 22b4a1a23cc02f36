import Foundation

/// The loadable and built-in modules of one kernel, from its modules directory (`/lib/modules/RELEASE`).
///
/// With a `modules.dep` (written by depmod) the index is read from it and `modules.alias`; without one, every
/// module file under `updates/`, `kernel/` and `extra/` is opened and its `.modinfo` read (`name`, `depends`,
/// `softdep`, `alias`). `modules.builtin` (and the aliases in `modules.builtin.modinfo`) lists what is built in.
///
/// ```swift
/// let index = try KernelModuleIndex(modulesDirectory: "/lib/modules/6.1.0-56-cloud-amd64")
/// let chosen = try KernelModuleSelection(index: index, mandatory: ["squashfs"], ifAvailable: ["virtio_blk"])
/// ```
public struct KernelModuleIndex: Sendable {
    /// Where the index came from.
    public enum Source: String, Hashable, Sendable {
        /// `modules.dep` (depmod's output): dependencies are complete (transitive), softdeps unknown.
        case modulesDep
        /// The `.modinfo` sections of the module files: direct dependencies and softdeps.
        case modinfo
    }

    /// What a module name resolves to.
    public enum Resolution: Hashable, Sendable {
        /// A loadable module file.
        case module(KernelModule)
        /// Built into the kernel image: nothing to load.
        case builtin(String)
        /// Neither.
        case missing
    }

    /// The module directory the index describes.
    public let modulesDirectory: String
    /// Where the module list came from.
    public let source: Source
    /// Loadable modules by normalised name.
    public let modules: [String: KernelModule]
    /// The normalised names of the modules built into the kernel.
    public let builtin: Set<String>
    /// Plain aliases (no wildcards) to the normalised name of the module, loadable or built in, that has them.
    public let aliases: [String: String]

    /// The subdirectories scanned for module files when there is no `modules.dep`, highest priority first (as
    /// depmod's default `search updates built-in`): a name found in two places is taken from the first.
    public static let searchDirectories = ["updates", "kernel", "extra"]

    /// Creates an index from its parts; for tests and for callers that build one themselves.
    public init(
        modulesDirectory: String, source: Source, modules: [KernelModule], builtin: Set<String> = [],
        aliases: [String: String] = [:]
    ) {
        self.modulesDirectory = modulesDirectory
        self.source = source
        var byName: [String: KernelModule] = [:]
        for module in modules where byName[module.name] == nil { byName[module.name] = module }
        self.modules = byName
        self.builtin = builtin
        var allAliases = aliases
        for module in modules.sorted(by: { $0.name < $1.name }) {
            for alias in module.aliases where !Self.isPattern(alias) && allAliases[alias] == nil {
                allAliases[alias] = module.name
            }
        }
        self.aliases = allAliases
    }

    /// Reads the index of the modules directory at `path`.
    /// - Throws: ``KernelModuleError/notAModulesDirectory(path:)``,
    ///   ``KernelModuleError/malformedIndexFile(path:line:reason:)``,
    ///   ``BinaryIO/ImageError`` naming a module file that can't be read, or ``BinaryIO/IOError``.
    public init(modulesDirectory path: String) throws {
        let builtinNames = try Self.readBuiltin(in: path)
        let builtinAliases = try Self.readBuiltinAliases(in: path)
        if FileManager.default.fileExists(atPath: path + "/modules.dep") {
            let modules = try Self.readModulesDep(in: path)
            let aliases = try Self.readAliases(in: path)
            self.init(
                modulesDirectory: path, source: .modulesDep, modules: modules, builtin: builtinNames,
                aliases: aliases.merging(builtinAliases) { loadable, _ in loadable })
        } else {
            let modules = try Self.scan(path)
            self.init(
                modulesDirectory: path, source: .modinfo, modules: modules, builtin: builtinNames,
                aliases: builtinAliases)
        }
    }

    /// What `name` (a module name, in either spelling, or a plain alias such as `iso9660`) resolves to: a module of
    /// that name, then a built-in one, then the module or built-in that has it as an alias.
    public func resolve(_ name: String) -> Resolution {
        let normalized = KernelModule.normalizedName(name)
        if let module = modules[normalized] { return .module(module) }
        if builtin.contains(normalized) { return .builtin(normalized) }
        guard let target = aliases[name] ?? aliases[normalized] else { return .missing }
        if let module = modules[target] { return .module(module) }
        if builtin.contains(target) { return .builtin(target) }
        return .missing
    }

    /// The absolute path of `module`'s file.
    public func path(of module: KernelModule) -> String {
        module.path.hasPrefix("/") ? module.path : modulesDirectory + "/" + module.path
    }

    /// Whether an alias is a pattern (`pci:v*d*`) rather than a name.
    static func isPattern(_ alias: String) -> Bool { alias.contains { "*?[".contains($0) } }
}
