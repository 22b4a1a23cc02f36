#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the QEMU system emulator on the host.
public enum Emulator {
    /// The emulator every ``MachineProfile`` runs on.
    public static let defaultName = "qemu-system-x86_64"

    /// Looks an executable up the way a shell does: a name with a slash is used as given, anything else is searched
    /// for in each directory of `searchPath`.
    /// - Parameters:
    ///   - name: The executable name or path.
    ///   - searchPath: A colon-separated directory list; `nil` means the process's `PATH`.
    /// - Returns: The path of the first executable file found.
    /// - Throws: ``QEMUError/emulatorNotFound(name:searched:)`` listing every path tried.
    public static func locate(
        _ name: String = defaultName, searchPath: String? = nil
    ) throws(QEMUError) -> String {
        let candidates: [String]
        if name.contains("/") {
            candidates = [name]
        } else {
            let path = searchPath ?? getenv("PATH").map { String(cString: $0) } ?? ""
            candidates = path.split(separator: ":").map { "\($0)/\(name)" }
        }
        for candidate in candidates where access(candidate, X_OK) == 0 {
            return candidate
        }
        throw .emulatorNotFound(name: name, searched: candidates)
    }
}
