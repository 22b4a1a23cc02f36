import BinaryIO
import Foundation

/// The applet links of a static busybox (`bin/sh`, `sbin/ifconfig`, …, as `busybox --list-full` prints them).
///
/// A busybox of the build host's architecture is asked. One of another architecture cannot run here, so its
/// applet names are read from the name table in its binary (busybox keeps them as one block of NUL-terminated
/// names, `[`, `[[`, `acpid`, … in sorted order, ended by an empty name), and each gets the directory the host's
/// busybox gives the same applet (`bin` if the host's has none).
enum BusyboxApplets {
    /// The largest busybox binary read for its name table.
    static let maximumSize: Int64 = 64 << 20

    /// The applet paths of `busybox`, relative to the root.
    /// - Parameters:
    ///   - busybox: The static busybox.
    ///   - runnable: Whether it runs on the build host.
    ///   - hostBusybox: The host's busybox, asked for the applets' directories.
    /// - Throws: ``LiveBuildError/noBusybox(path:reason:)`` if no name table is found, or a host error.
    static func paths(of busybox: String, runnable: Bool, hostBusybox: String = "/bin/busybox") async throws -> [String] {
        if runnable { return try await ExternalTool.run(busybox, ["--list-full"]).split(separator: "\n").map(String.init) }
        let names = try names(inBinary: busybox)
        var directories: [String: String] = [:]
        if HostPath.isReadableFile(hostBusybox) {
            for line in try await ExternalTool.run(hostBusybox, ["--list-full"]).split(separator: "\n") {
                let path = String(line)
                directories[(path as NSString).lastPathComponent] = (path as NSString).deletingLastPathComponent
            }
        }
        return names.map { name in
            // `linuxrc` is installed at the root: its directory is empty.
            let directory = directories[name] ?? "bin"
            return directory.isEmpty ? name : "\(directory)/\(name)"
        }
    }

    /// The applet names in the name table of the busybox binary at `path`.
    static func names(inBinary path: String) throws -> [String] {
        let reader = try ImageReader(path: path)
        guard reader.size <= maximumSize else {
            throw LiveBuildError.noBusybox(path: path, reason: "larger than \(maximumSize >> 20) MiB")
        }
        let bytes = try reader.read(at: 0, count: Int(reader.size), structure: "busybox binary")
        let start: [UInt8] = Array("[\0[[\0".utf8)
        guard let first = bytes.firstRange(of: start)?.lowerBound else {
            throw LiveBuildError.noBusybox(path: path, reason: "no applet name table found")
        }
        var names: [String] = []
        var index = first
        while index < bytes.count, bytes[index] != 0 {
            let end = bytes[index...].firstIndex(of: 0) ?? bytes.count
            names.append(String(decoding: bytes[index..<end], as: UTF8.self))
            index = end + 1
        }
        return names
    }
}
