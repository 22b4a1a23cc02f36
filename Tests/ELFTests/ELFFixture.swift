import BinaryIO
import Foundation
import TestSupport
import Testing

/// Real ELF files for the tests: the static busybox `scripts/setup` installs, and modules of the cached Debian
/// kernel.
enum ELFFixture {
    /// A static x86_64 ELF64 executable.
    static let busybox = "/bin/busybox"

    /// Whether ``busybox`` is installed (always in CI, where oracles are required).
    static var hasBusybox: Bool { Oracle.required || FileManager.default.fileExists(atPath: busybox) }

    /// The whole of a (small) file.
    static func bytes(of path: String) throws -> [UInt8] {
        let reader = try ImageReader(path: path)
        return try reader.read(at: 0, count: Int(reader.size), structure: "fixture")
    }

    /// The path of `relative` (e.g. `kernel/drivers/scsi/sr_mod.ko`) in the cached kernel's modules directory.
    static func module(_ relative: String) throws -> String {
        try KernelCache.requireModulesDirectory() + "/" + relative
    }

    /// One section as `readelf -S -W` lists it.
    struct ReadelfSection: Equatable {
        var index: Int
        var name: String
        var type: String
        var address: UInt64
        var offset: UInt64
        var size: UInt64
    }

    /// The sections `readelf -S -W` lists for `path` (index 0 left out).
    static func readelfSections(_ path: String) async throws -> [ReadelfSection] {
        let output = try await Tool.run("readelf", ["-S", "-W", path], environment: Tool.reproducibleEnvironment).stdout
        var sections: [ReadelfSection] = []
        for line in output.split(separator: "\n") {
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"),
                let index = Int(line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces)), index > 0
            else { continue }
            let fields = line[line.index(after: close)...].split(separator: " ")
            guard fields.count >= 5, let address = UInt64(fields[2], radix: 16),
                let offset = UInt64(fields[3], radix: 16),
                let size = UInt64(fields[4], radix: 16)
            else { continue }
            sections.append(
                ReadelfSection(
                    index: index, name: String(fields[0]), type: String(fields[1]), address: address, offset: offset,
                    size: size))
        }
        return sections
    }

    /// The value after `label:` in `readelf -h` output for `path`.
    static func readelfHeader(_ path: String) async throws -> [String: String] {
        let output = try await Tool.run("readelf", ["-h", path], environment: Tool.reproducibleEnvironment).stdout
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where /bin/busybox is installed (or oracles are required).
    static var busybox: Self { .enabled(if: ELFFixture.hasBusybox, "needs /bin/busybox (busybox-static)") }
}
