import Foundation
import TestSupport

/// A small tree archived by GNU `cpio -o -H newc` at test time.
enum CpioFixture {
    /// The names fed to cpio, in order.
    static let gnuList = ["bin", "bin/sh", "etc", "etc/hostname", "etc/empty", "init", "lib", "lib/link", "hard1", "hard2"]

    /// Builds the tree in a temporary directory and returns the archive GNU cpio makes of it.
    static func gnuArchive() async throws -> [UInt8] {
        let scratch = try TemporaryDirectory()
        let root = scratch.path("root")
        let files = FileManager.default
        for directory in ["bin", "etc", "lib"] {
            try files.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
        }
        try Data("#!/bin/sh\necho hi\n".utf8).write(to: URL(fileURLWithPath: "\(root)/bin/sh"))
        try Data("box\n".utf8).write(to: URL(fileURLWithPath: "\(root)/etc/hostname"))
        try Data().write(to: URL(fileURLWithPath: "\(root)/etc/empty"))
        try Data("exec /bin/sh\n".utf8).write(to: URL(fileURLWithPath: "\(root)/init"))
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(root)/init")
        try files.createSymbolicLink(atPath: "\(root)/lib/link", withDestinationPath: "../bin/sh")
        try Data("same inode\n".utf8).write(to: URL(fileURLWithPath: "\(root)/hard1"))
        try files.linkItem(atPath: "\(root)/hard1", toPath: "\(root)/hard2")
        let list = Array(gnuList.joined(separator: "\n").appending("\n").utf8)
        let result = try await Tool.run(
            "cpio", ["-o", "-H", "newc", "--reproducible", "--quiet"], environment: Tool.reproducibleEnvironment,
            currentDirectory: root, input: list)
        withExtendedLifetime(scratch) {}
        return result.standardOutputBytes
    }
}
