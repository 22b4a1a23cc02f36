/// Building a kernel module index or choosing modules from it failed.
public enum KernelModuleError: Error, Hashable, Sendable {
    /// A module the live system cannot boot without is neither a module file nor built into the kernel.
    case missingModule(name: String, modulesDirectory: String)
    /// `module` needs `dependency`, which is neither a module file nor built in.
    case missingDependency(module: String, dependency: String, modulesDirectory: String)
    /// Modules depend on each other in a loop; `modules` lists it from the first to the one that closes it.
    case dependencyCycle(modules: [String])
    /// A line of an index file (`modules.dep`, `modules.alias`) is malformed.
    case malformedIndexFile(path: String, line: Int, reason: String)
    /// The directory has neither `modules.dep` nor any of `kernel/`, `updates/`, `extra/`.
    case notAModulesDirectory(path: String)
}

extension KernelModuleError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingModule(let name, let modulesDirectory):
            "kernel module \(name) is needed but is neither built in nor present in \(modulesDirectory)"
        case .missingDependency(let module, let dependency, let modulesDirectory):
            "kernel module \(module) depends on \(dependency), which is neither built in nor present in "
                + modulesDirectory
        case .dependencyCycle(let modules):
            "kernel modules depend on each other in a loop: \(modules.joined(separator: " -> "))"
        case .malformedIndexFile(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .notAModulesDirectory(let path):
            "\(path) is not a kernel modules directory (no modules.dep, kernel/, updates/ or extra/)"
        }
    }
}
