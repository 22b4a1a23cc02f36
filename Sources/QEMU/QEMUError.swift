/// Why a QEMU run could not be started or did not finish normally.
public enum QEMUError: Error, Hashable, Sendable {
    /// The emulator executable is not on the search path; `searched` lists the candidate paths that were tried.
    case emulatorNotFound(name: String, searched: [String])
    /// No OVMF code and variable store pair exists; `tried` lists the code image paths that were checked.
    case firmwareNotFound(tried: [String])
    /// A file the profile names does not exist. `role` says which: "boot medium", "kernel" or "initrd".
    case fileNotFound(role: String, path: String)
    /// The marker to wait for is empty, which would match before the machine printed anything.
    case emptyMarker
    /// The regular expression to wait for does not compile.
    case invalidPattern(String, reason: String)
    /// QEMU ended on its own with a failure before the marker appeared, for example on a bad argument.
    case emulatorFailed(status: String, standardError: String)
    /// A host file operation failed: opening a medium, kernel or initrd that exists, copying the OVMF variable store,
    /// or writing the console log.
    case hostIO(operation: String, path: String, reason: String)
}

extension QEMUError: CustomStringConvertible {
    /// A one-line explanation naming the paths involved.
    public var description: String {
        switch self {
        case .emulatorNotFound(let name, let searched):
            let places = searched.isEmpty ? "PATH is empty" : "tried " + searched.joined(separator: ", ")
            let package = MachineArchitecture.allCases.first { $0.emulatorName == name }?.emulatorPackage ?? "qemu-system-x86"
            return "\(name) not found (\(places)); install the \(package) package"
        case .firmwareNotFound(let tried):
            // The AArch64 firmware's paths are the ones naming AAVMF or aarch64.
            let arm = tried.contains { $0.contains("AAVMF") || $0.contains("aarch64") }
            return "\(arm ? "AAVMF" : "OVMF") UEFI firmware not found (tried \(tried.joined(separator: ", "))); install the "
                + "\(arm ? "qemu-efi-aarch64" : "ovmf") package"
        case .fileNotFound(let role, let path):
            return "\(role) \(path) does not exist"
        case .invalidPattern(let source, let reason):
            return "the console pattern \(String(reflecting: source)) is not a valid regular expression: \(reason)"
        case .emptyMarker:
            return "the console marker to wait for is empty"
        case .emulatorFailed(let status, let standardError):
            let detail = standardError.trimmingTrailingWhitespace
            return "QEMU failed (\(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .hostIO(let operation, let path, let reason):
            return "\(path): \(operation): \(reason)"
        }
    }
}

extension String {
    /// The string without trailing spaces, tabs and newlines.
    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
