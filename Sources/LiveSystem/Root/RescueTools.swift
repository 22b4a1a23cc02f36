import ELF
import Foundation

/// The dynamically linked programs the rescue default carries beside busybox: dropbear for SSH logins and the
/// usual disk and copy tools, each copied from the build host with every library it needs (``ProgramClosure``).
struct RescueTools {
    /// One host program, the Debian package that installs it, and other names it answers to in the rescue root.
    struct Program: Sendable {
        /// Its path as the Debian package installs it (also its path in the rescue root).
        var path: String
        /// The package to install when it is missing.
        var package: String
        /// Names of symbolic links to it in the same directory (`mkfs.ext4` → `mke2fs`).
        var links: [String] = []
    }

    /// A data file a program needs, copied as it is.
    struct DataFile: Sendable {
        /// Its path on the host and in the rescue root.
        var path: String
        /// The package to install when it is missing.
        var package: String
    }

    /// The programs, in the order the docs list them.
    static let programs: [Program] = [
        Program(path: "/usr/sbin/dropbear", package: "dropbear-bin"),
        Program(path: "/usr/bin/dropbearkey", package: "dropbear-bin"),
        Program(path: "/usr/bin/dbclient", package: "dropbear-bin"),
        Program(path: "/sbin/fdisk", package: "fdisk"),
        Program(path: "/sbin/sfdisk", package: "fdisk"),
        Program(path: "/sbin/mke2fs", package: "e2fsprogs", links: ["mkfs.ext2", "mkfs.ext3", "mkfs.ext4"]),
        Program(path: "/sbin/e2fsck", package: "e2fsprogs", links: ["fsck.ext2", "fsck.ext3", "fsck.ext4"]),
        Program(path: "/sbin/resize2fs", package: "e2fsprogs"),
        Program(path: "/sbin/tune2fs", package: "e2fsprogs", links: ["e2label"]),
        Program(path: "/sbin/mkfs.fat", package: "dosfstools", links: ["mkfs.vfat", "mkdosfs"]),
        Program(path: "/sbin/fsck.fat", package: "dosfstools", links: ["fsck.vfat", "dosfsck"]),
        Program(path: "/sbin/blkid", package: "util-linux"),
        Program(path: "/sbin/wipefs", package: "util-linux"),
        Program(path: "/bin/lsblk", package: "util-linux"),
        Program(path: "/usr/bin/rsync", package: "rsync"),
        Program(path: "/usr/bin/curl", package: "curl"),
    ]

    /// Data files: mke2fs's defaults and the CA bundle curl checks HTTPS servers against.
    static let dataFiles: [DataFile] = [
        DataFile(path: "/etc/mke2fs.conf", package: "e2fsprogs"),
        DataFile(path: "/etc/ssl/certs/ca-certificates.crt", package: "ca-certificates"),
    ]

    /// The directories whose busybox applet links a real program of the same name replaces.
    static let binaryDirectories = ["bin", "sbin", "usr/bin", "usr/sbin"]

    /// The host root the programs and libraries come from (a ``RescueToolsSysroot`` for another architecture).
    var hostRoot = "/"
    /// The architecture the programs must be built for.
    var machine: ELFMachine = .x86_64

    /// Copies the programs, their libraries and interpreter, their links and the data files into `root` (a staged
    /// rescue root with busybox's applet links already made).
    ///
    /// Debian's static busybox prefers its applets: its shell runs the `fdisk` applet even when `/sbin/fdisk` is
    /// the real program. The names that are also applets are returned, so interactive shells can alias them.
    /// - Returns: The program names that replaced busybox applet links, with their paths in the rescue root.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the Debian package for a missing program or file,
    ///   ``ProgramClosureError`` when a program's libraries cannot be gathered, or a host error.
    @discardableResult
    func stage(in root: String) throws -> [(name: String, path: String)] {
        let files = FileManager.default
        for program in Self.programs where !HostPath.isReadableFile(hostPath(program.path)) {
            throw LiveBuildError.badInput(
                path: hostPath(program.path),
                reason: "missing on the build host (install the Debian package \(program.package))")
        }
        for data in Self.dataFiles where !HostPath.isReadableFile(hostPath(data.path)) {
            throw LiveBuildError.badInput(
                path: hostPath(data.path), reason: "missing on the build host (install the Debian package \(data.package))")
        }
        let closure = try ProgramClosure(hostRoot: hostRoot, machine: machine).resolve(Self.programs.map(\.path))
        var shadowed: [(name: String, path: String)] = []
        for program in Self.programs {
            let name = (program.path as NSString).lastPathComponent
            let directory = (program.path as NSString).deletingLastPathComponent
            for alias in [name] + program.links where try removeApplet(alias, in: root) {
                shadowed.append((alias, "\(directory)/\(alias)"))
            }
        }
        for file in closure {
            try copy(file.hostPath, to: root + file.targetPath, mode: 0o755)
        }
        for program in Self.programs {
            let directory = root + (program.path as NSString).deletingLastPathComponent
            for link in program.links {
                try files.createSymbolicLink(
                    atPath: "\(directory)/\(link)", withDestinationPath: (program.path as NSString).lastPathComponent)
            }
        }
        for data in Self.dataFiles {
            try copy(hostPath(data.path), to: root + data.path, mode: 0o644)
        }
        return shadowed
    }

    /// `path` under the host root.
    private func hostPath(_ path: String) -> String {
        hostRoot == "/" ? path : (hostRoot as NSString).appendingPathComponent(path)
    }

    /// Removes busybox's applet links named `name`, so the real program is the one found on `PATH`; returns whether
    /// there was one.
    private func removeApplet(_ name: String, in root: String) throws -> Bool {
        let files = FileManager.default
        var removed = false
        for directory in Self.binaryDirectories {
            let link = "\(root)/\(directory)/\(name)"
            guard let target = try? files.destinationOfSymbolicLink(atPath: link), target.hasSuffix("bin/busybox") else {
                continue
            }
            try files.removeItem(atPath: link)
            removed = true
        }
        return removed
    }

    /// Copies one host file into the root (replacing what is there), creating its directory.
    private func copy(_ source: String, to target: String, mode: Int) throws {
        let files = FileManager.default
        try files.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if (try? files.attributesOfItem(atPath: target)) != nil { try files.removeItem(atPath: target) }
        try files.copyItem(atPath: source, toPath: target)
        try files.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
    }
}
