/// The modules to put into an initramfs for a list of wanted names: each wanted module and everything it needs,
/// dependencies first, each once.
///
/// The order is fixed by the inputs: wanted names in the order given (mandatory ones first), and for each module
/// its `softdep` pre modules (when available), then its dependencies in the order its `.modinfo` (or `modules.dep`)
/// lists them, then the module itself.
///
/// ```swift
/// let chosen = try KernelModuleSelection(index: index, mandatory: ["squashfs", "overlay"], ifAvailable: ["e1000"])
/// for module in chosen.modules { copy(index.path(of: module)) }
/// try write(chosen.modulesDep(), to: "lib/modules/\(release)/modules.dep")
/// ```
public struct KernelModuleSelection: Hashable, Sendable {
    /// The modules to load, in load order (every module after all it depends on).
    public let modules: [KernelModule]
    /// The wanted names that are built into the kernel (as asked for), in the order asked.
    public let builtin: [String]
    /// The wanted "if available" names that are neither built in nor loadable (or whose dependencies are missing),
    /// in the order asked.
    public let missing: [String]
    /// The modules directory the modules were chosen from.
    public let modulesDirectory: String

    /// Chooses the modules for `mandatory` and `ifAvailable` names from `index`.
    /// - Parameters:
    ///   - index: The kernel's modules.
    ///   - mandatory: Names the system can't boot without; each must be built in or loadable with all its
    ///     dependencies.
    ///   - ifAvailable: Names taken when they and their dependencies are present, otherwise listed in ``missing``.
    /// - Throws: ``KernelModuleError/missingModule(name:modulesDirectory:)`` and
    ///   ``KernelModuleError/missingDependency(module:dependency:modulesDirectory:)`` for a mandatory name;
    ///   ``KernelModuleError/dependencyCycle(modules:)`` if dependencies loop.
    public init(index: KernelModuleIndex, mandatory: [String], ifAvailable: [String] = []) throws {
        var walk = Walk(index: index)
        var builtin: [String] = []
        var missing: [String] = []
        var seen: Set<String> = []
        let wanted = mandatory.map { ($0, true) } + ifAvailable.map { ($0, false) }
        for (name, isMandatory) in wanted where seen.insert(KernelModule.normalizedName(name)).inserted {
            switch index.resolve(name) {
            case .builtin:
                builtin.append(name)
            case .missing:
                guard !isMandatory else {
                    throw KernelModuleError.missingModule(name: name, modulesDirectory: index.modulesDirectory)
                }
                missing.append(name)
            case .module(let module):
                var attempt = walk
                do {
                    try attempt.visit(module, path: [])
                    walk = attempt
                } catch KernelModuleError.missingDependency(let module, let dependency, let directory) {
                    guard !isMandatory else {
                        throw KernelModuleError.missingDependency(
                            module: module, dependency: dependency, modulesDirectory: directory)
                    }
                    missing.append(name)
                }
            }
        }
        self.modules = walk.order
        self.builtin = builtin
        self.missing = missing
        self.modulesDirectory = index.modulesDirectory
    }

    /// Chooses the modules of `groups` (their mandatory names first, then the others), as
    /// ``init(index:mandatory:ifAvailable:)``.
    public init(index: KernelModuleIndex, groups: [KernelModuleGroup]) throws {
        try self.init(
            index: index, mandatory: groups.flatMap(\.mandatory), ifAvailable: groups.flatMap(\.ifAvailable))
    }

    /// A `modules.dep` for just these modules, in depmod's format: one line per module in load order,
    /// `path: dependency-path …`, with each module's dependencies (all of them, not only direct ones) listed so that
    /// the last loads first, as kmod's and busybox's modprobe expect.
    public func modulesDep() -> String {
        let byName = Dictionary(modules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let position = Dictionary(modules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var text = ""
        for module in modules {
            var closure: Set<String> = []
            var pending = module.dependencies
            while let name = pending.popLast() {
                guard let dependency = byName[name], closure.insert(name).inserted else { continue }
                pending += dependency.dependencies
            }
            let ordered = closure.compactMap { name in position[name].map { ($0, name) } }.sorted { $0.0 > $1.0 }
            let paths = ordered.compactMap { byName[$0.1]?.path }
            text += module.path + ":" + paths.map { " " + $0 }.joined() + "\n"
        }
        return text
    }

    /// A depth-first walk that appends each module after its dependencies.
    private struct Walk {
        let index: KernelModuleIndex
        var order: [KernelModule] = []
        var done: Set<String> = []

        init(index: KernelModuleIndex) { self.index = index }

        mutating func visit(_ module: KernelModule, path: [String]) throws {
            guard !done.contains(module.name) else { return }
            guard !path.contains(module.name) else {
                throw KernelModuleError.dependencyCycle(modules: path + [module.name])
            }
            let path = path + [module.name]
            for name in module.softdepPre {
                // A soft dependency is optional by definition: it is taken when it and its own dependencies are
                // present, and otherwise left out without failing the module that names it.
                guard case .module(let soft) = index.resolve(name), !path.contains(soft.name) else { continue }
                var attempt = self
                do {
                    try attempt.visit(soft, path: path)
                    self = attempt
                } catch {
                    continue
                }
            }
            for name in module.dependencies {
                switch index.resolve(name) {
                case .builtin: continue
                case .missing:
                    throw KernelModuleError.missingDependency(
                        module: module.name, dependency: name, modulesDirectory: index.modulesDirectory)
                case .module(let dependency): try visit(dependency, path: path)
                }
            }
            done.insert(module.name)
            order.append(module)
        }
    }
}
