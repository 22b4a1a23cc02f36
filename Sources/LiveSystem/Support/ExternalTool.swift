import Subprocess
import SystemPackage

/// Runs a host program (grub-mkimage, apt-get, dpkg-deb) that the live build relies on; with `package` access for
/// the other modules that run host tools (Netboot), which translate its error into their own.
package enum ExternalTool {
    /// The most output kept from either stream.
    package static let outputLimit = 16 << 20

    /// Runs `executable` with `arguments` and returns its standard output.
    /// - Parameters:
    ///   - executable: A name looked up on `PATH`, or a path.
    ///   - arguments: The arguments, without the executable.
    ///   - workingDirectory: Where it runs; the current directory if `nil`.
    /// - Throws: ``LiveBuildError/toolFailed(command:status:message:)`` when it cannot start or exits non-zero.
    @discardableResult
    package static func run(
        _ executable: String, _ arguments: [String], workingDirectory: String? = nil
    ) async throws(LiveBuildError) -> String {
        let command = ([executable] + arguments).joined(separator: " ")
        let configuration = Configuration(
            executable: executable.contains("/") ? .path(FilePath(executable)) : .name(executable), arguments: Arguments(arguments),
            workingDirectory: workingDirectory.map { FilePath($0) })
        do {
            let result = try await Subprocess.run(
                configuration, input: .none, output: .string(limit: outputLimit), error: .string(limit: outputLimit))
            guard case .exited(0) = result.terminationStatus else {
                let message = result.standardError.split(separator: "\n").suffix(3).joined(separator: " ")
                throw LiveBuildError.toolFailed(
                    command: command, status: "\(result.terminationStatus)", message: message)
            }
            return result.standardOutput
        } catch let error as LiveBuildError {
            throw error
        } catch {
            throw .toolFailed(command: command, status: "could not start", message: "\(error)")
        }
    }
}
