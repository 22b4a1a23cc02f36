import Foundation
import TestSupport

/// binutils' `readelf -l -W` and `readelf -d -W` output, parsed as the oracle for program headers and dynamic
/// sections of real host binaries.
enum Readelf {
    /// Host programs and libraries with different dynamic linking: dynamic executables, one with `DT_RUNPATH`,
    /// a shared library with `DT_SONAME`, and the static busybox. Only those installed (all when oracles are
    /// required, so a missing one fails in CI).
    static let binaries: [String] = [
        "/usr/bin/rsync", "/usr/sbin/dropbear", "/usr/lib/xen-4.17/bin/xl", "/usr/bin/expr",
        "/lib/x86_64-linux-gnu/libc.so.6", "/bin/busybox",
    ].filter { Oracle.required || FileManager.default.fileExists(atPath: $0) }

    /// One program header as `readelf -l -W` lists it.
    struct Segment: Equatable {
        var type: String
        var offset: UInt64
        var virtualAddress: UInt64
        var fileSize: UInt64
        var memorySize: UInt64
        var flags: String
        var alignment: UInt64
    }

    /// The program headers and the interpreter `readelf -l -W` shows.
    static func programHeaders(_ path: String) async throws -> (segments: [Segment], interpreter: String?) {
        let output = try await Tool.run("readelf", ["-l", "-W", path], environment: Tool.reproducibleEnvironment).stdout
        var segments: [Segment] = []
        var interpreter: String?
        var inTable = false
        for line in output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("Type ") { inTable = true; continue }
            if text.hasPrefix("Section to Segment mapping") { break }
            if let range = text.range(of: "[Requesting program interpreter: ") {
                interpreter = String(text[range.upperBound...].dropLast())
                continue
            }
            guard inTable else { continue }
            let fields = text.split(separator: " ")
            guard fields.count >= 8, let offset = hex(fields[1]), let address = hex(fields[2]),
                let fileSize = hex(fields[4]), let memorySize = hex(fields[5]), let alignment = hex(fields[fields.count - 1])
            else { continue }
            segments.append(
                Segment(
                    type: String(fields[0]), offset: offset, virtualAddress: address, fileSize: fileSize,
                    memorySize: memorySize, flags: fields[6..<(fields.count - 1)].joined(), alignment: alignment))
        }
        return (segments, interpreter)
    }

    /// The dynamic entries `readelf -d -W` shows: raw tags in order, and the bracketed names of NEEDED, SONAME,
    /// RPATH and RUNPATH.
    struct Dynamic: Equatable {
        var tags: [UInt64] = []
        var needed: [String] = []
        var soname: String?
        var rpath: String?
        var runpath: String?
    }

    /// The dynamic section of `path` as `readelf -d -W` shows it (empty for a static executable).
    static func dynamic(_ path: String) async throws -> Dynamic {
        let output = try await Tool.run("readelf", ["-d", "-W", path], environment: Tool.reproducibleEnvironment).stdout
        var result = Dynamic()
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, fields[0].hasPrefix("0x"), let tag = hex(fields[0]) else { continue }
            result.tags.append(tag)
            guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { continue }
            let value = String(line[line.index(after: open)..<close])
            switch fields[1] {
            case "(NEEDED)": result.needed.append(value)
            case "(SONAME)": result.soname = value
            case "(RPATH)": result.rpath = value
            case "(RUNPATH)": result.runpath = value
            default: break
            }
        }
        return result
    }

    private static func hex(_ text: Substring) -> UInt64? {
        UInt64(text.hasPrefix("0x") ? text.dropFirst(2) : text, radix: 16)
    }
}
