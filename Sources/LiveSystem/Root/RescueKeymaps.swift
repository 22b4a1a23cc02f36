import Foundation
import Subprocess
import SystemPackage

/// The console keymaps of the rescue default: binary keymaps (`loadkeys -b`) made at build time from Debian's
/// console-data sources, which the rescue init loads with busybox `loadkmap` for `isokit.keymap=NAME`.
struct RescueKeymaps {
    /// `isokit.keymap=` names and the console-data source each is made from, under ``sourceDirectory``.
    static let maps: [(name: String, source: String)] = [
        ("us", "qwerty/us"), ("uk", "qwerty/uk"), ("de", "qwertz/de-latin1"), ("fr", "azerty/fr-latin1"),
        ("es", "qwerty/es"), ("it", "qwerty/it"), ("ch", "qwertz/sg-latin1"), ("se", "qwerty/se-latin1"),
        ("no", "qwerty/no-latin1"), ("dk", "qwerty/dk-latin1"), ("pl", "qwerty/pl"), ("br", "qwerty/br-abnt2"),
    ]
    /// Where console-data keeps its keymap sources.
    static let sourceDirectory = "/usr/share/keymaps/i386"
    /// Where the binary keymaps go in the rescue root.
    static let targetDirectory = "usr/share/keymaps"

    /// The `loadkeys` program (kbd).
    var loadkeys = "loadkeys"

    /// Writes `NAME.bmap` for every map into `root/usr/share/keymaps`.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the Debian package when a source is missing, or
    ///   ``LiveBuildError/toolFailed(command:status:message:)`` when `loadkeys` fails.
    func write(into root: String) async throws {
        let directory = "\(root)/\(Self.targetDirectory)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for map in Self.maps {
            let source = "\(Self.sourceDirectory)/\(map.source).kmap.gz"
            guard HostPath.isReadableFile(source) else {
                throw LiveBuildError.badInput(
                    path: source, reason: "keymap source missing (install the Debian package console-data)")
            }
            let bytes = try await binaryKeymap(source)
            guard FileManager.default.createFile(
                atPath: "\(directory)/\(map.name).bmap", contents: Data(bytes), attributes: [.posixPermissions: 0o644])
            else {
                throw LiveBuildError.badInput(path: "\(directory)/\(map.name).bmap", reason: "cannot write a keymap")
            }
        }
    }

    /// `loadkeys -b SOURCE`: the binary keymap on its standard output (it needs no console).
    private func binaryKeymap(_ source: String) async throws(LiveBuildError) -> [UInt8] {
        let command = "\(loadkeys) -b \(source)"
        do {
            let result = try await Subprocess.run(
                .name(loadkeys), arguments: ["-b", source], output: .bytes(limit: 1 << 20), error: .string(limit: 1 << 16))
            guard case .exited(0) = result.terminationStatus, !result.standardOutput.isEmpty else {
                throw LiveBuildError.toolFailed(
                    command: command, status: "\(result.terminationStatus)", message: result.standardError)
            }
            return result.standardOutput
        } catch let error as LiveBuildError {
            throw error
        } catch {
            throw .toolFailed(
                command: command, status: "could not start",
                message: "\(error) (install the Debian package kbd)")
        }
    }
}
