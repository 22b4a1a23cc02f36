import Foundation

/// An OVMF (EDK II for x86_64) firmware: the code image and the variable store template that goes with it.
///
/// QEMU maps both as pflash devices. The code is read-only; the variable store is written by the firmware, so each
/// run gets its own copy (see ``withPrivateVariables(_:)``) and the installed template is never touched.
public struct OVMFFirmware: Sendable, Hashable {
    /// The firmware code image (`OVMF_CODE_4M.fd`), mapped read-only.
    public var code: String
    /// The variable store (`OVMF_VARS_4M.fd`), or a private copy of it.
    public var variables: String

    /// Creates a firmware description from its two files.
    public init(code: String, variables: String) {
        self.code = code
        self.variables = variables
    }

    /// Where distributions install OVMF without Secure Boot, most likely first: Debian and Ubuntu's 4 MiB build
    /// (package ovmf), their older 2 MiB build, Fedora's edk2-ovmf and Arch's edk2-ovmf.
    public static let knownLocations: [OVMFFirmware] = [
        OVMFFirmware(code: "/usr/share/OVMF/OVMF_CODE_4M.fd", variables: "/usr/share/OVMF/OVMF_VARS_4M.fd"),
        OVMFFirmware(code: "/usr/share/OVMF/OVMF_CODE.fd", variables: "/usr/share/OVMF/OVMF_VARS.fd"),
        OVMFFirmware(code: "/usr/share/edk2/ovmf/OVMF_CODE.fd", variables: "/usr/share/edk2/ovmf/OVMF_VARS.fd"),
        OVMFFirmware(code: "/usr/share/edk2/x64/OVMF_CODE.4m.fd", variables: "/usr/share/edk2/x64/OVMF_VARS.4m.fd"),
    ]

    /// Where distributions install OVMF built with Secure Boot and SMM, each with a variable store that has
    /// Microsoft's keys enrolled (PK, KEK, db with the Microsoft UEFI CA that signs shim) and Secure Boot turned on:
    /// Debian and Ubuntu's 4 MiB build (package ovmf), their older 2 MiB build, and Fedora's edk2-ovmf.
    public static let secureBootLocations: [OVMFFirmware] = [
        OVMFFirmware(code: "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd", variables: "/usr/share/OVMF/OVMF_VARS_4M.ms.fd"),
        OVMFFirmware(code: "/usr/share/OVMF/OVMF_CODE.secboot.fd", variables: "/usr/share/OVMF/OVMF_VARS.ms.fd"),
        OVMFFirmware(
            code: "/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd", variables: "/usr/share/edk2/ovmf/OVMF_VARS.secboot.fd"),
    ]

    /// The candidates for `firmware`: ``secureBootLocations`` for ``Firmware/uefiSecureBoot``, else
    /// ``knownLocations``.
    public static func candidates(for firmware: Firmware) -> [OVMFFirmware] {
        firmware == .uefiSecureBoot ? secureBootLocations : knownLocations
    }

    /// Returns the first candidate whose code image and variable store both exist.
    /// - Parameter candidates: The pairs to try, in order.
    /// - Throws: ``QEMUError/firmwareNotFound(tried:)`` listing every code image path tried.
    public static func locate(in candidates: [OVMFFirmware] = knownLocations) throws(QEMUError) -> OVMFFirmware {
        let files = FileManager.default
        for candidate in candidates
        where files.isReadableFile(atPath: candidate.code) && files.isReadableFile(atPath: candidate.variables) {
            return candidate
        }
        throw .firmwareNotFound(tried: candidates.map(\.code))
    }

    /// Copies the variable store into a new temporary directory, runs `body` with a firmware that points at the
    /// copy, and removes the directory afterwards, also when `body` throws.
    /// - Parameter body: Runs QEMU with the firmware it is given.
    /// - Returns: What `body` returns.
    /// - Throws: ``QEMUError/hostIO(operation:path:reason:)`` if the copy fails, and whatever `body` throws.
    public func withPrivateVariables<T>(_ body: (OVMFFirmware) async throws -> T) async throws -> T {
        let files = FileManager.default
        let directory = files.temporaryDirectory.appendingPathComponent("isokit-ovmf-\(UUID().uuidString)").path
        let copy = directory + "/" + (variables.split(separator: "/").last.map(String.init) ?? "OVMF_VARS.fd")
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: false)
            try files.copyItem(atPath: variables, toPath: copy)
            // The template is often read-only (0444); the firmware needs to write its copy.
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
        } catch {
            try? files.removeItem(atPath: directory)
            throw QEMUError.hostIO(operation: "copy OVMF variable store to \(copy)", path: variables, reason: "\(error)")
        }
        // A directory left behind in $TMPDIR is harmless, so a failed removal does not hide the run's result.
        defer { try? files.removeItem(atPath: directory) }
        return try await body(OVMFFirmware(code: code, variables: copy))
    }
}
