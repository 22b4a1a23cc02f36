/// Why a live build stopped. Every case names the path or command involved.
public enum LiveBuildError: Error, Hashable, Sendable {
    /// No kernel was found; `tried` lists every place looked at and why each did not do.
    case noKernel(tried: [String])
    /// A kernel was found but not the modules directory for its release.
    case noModules(kernel: String, release: String, tried: [String])
    /// The busybox binary is missing or not a static executable.
    case noBusybox(path: String, reason: String)
    /// A root file system that cannot be booted: no executable init in it.
    case rootWithoutInit(root: String, program: String)
    /// An input path is not what it must be.
    case badInput(path: String, reason: String)
    /// An option value that cannot be used.
    case invalidOption(String)
    /// A host program failed.
    case toolFailed(command: String, status: String, message: String)
    /// A program to add (`--add`) or one of the libraries it needs cannot be used.
    case programs(ProgramClosureError)
    /// apt cannot find or download a package of another architecture (`busybox-static:arm64`); `message` is apt's.
    case missingPackage(package: String, architecture: String, message: String)
    /// The kernel image is not one for `architecture`; `found` says what it is (`an x86 bzImage`).
    case wrongKernel(path: String, found: String, architecture: LiveArchitecture)
}

extension LiveBuildError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noKernel(let tried):
            "no kernel found; tried: " + tried.joined(separator: "; ")
                + " (give --kernel and --modules, or run `isokit kernel fetch`)"
        case .noModules(let kernel, let release, let tried):
            "\(kernel): no modules directory for release \(release); tried: " + tried.joined(separator: "; ")
                + " (give --modules DIR)"
        case .noBusybox(let path, let reason):
            "\(path): cannot use as the live system's busybox: \(reason) (install busybox-static or give --busybox)"
        case .rootWithoutInit(let root, let program):
            "\(root): the root file system has no executable \(program); it cannot boot (give --init PATH)"
        case .badInput(let path, let reason):
            "\(path): \(reason)"
        case .invalidOption(let message):
            message
        case .toolFailed(let command, let status, let message):
            "`\(command)` failed (\(status))" + (message.isEmpty ? "" : ": \(message)")
        case .programs(let error):
            "--add: \(error)"
        case .missingPackage(let package, let architecture, let message):
            "\(package): apt cannot download this package"
                + (message.isEmpty ? "" : " (\(message))")
                + "; enable the architecture with `dpkg --add-architecture \(architecture) && apt-get update`"
        case .wrongKernel(let path, let found, let architecture):
            "\(path): \(found), but --arch \(architecture.rawValue) needs "
                + KernelImageArchitecture.expected(for: architecture)
        }
    }
}
