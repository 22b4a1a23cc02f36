import BinaryIO
import Foundation

/// Stages the rescue default's root file system in a directory: static busybox with its applet links, isokit's
/// rescue init as `/sbin/init`, udhcpc's script, the boot settings library, a minimal `/etc` (root has no password:
/// the consoles get a shell without login, and SSH only opens when `isokit.rootpass=` or `isokit.sshkey=` gives a
/// way in at boot), dropbear and the rescue tools with their libraries (``RescueTools``), binary console keymaps
/// (``RescueKeymaps``) and the kernel modules the initramfs loads, so `modprobe` and `lsmod` agree in the running
/// system. No SSH host key is ever staged: the rescue init makes one at each boot.
struct RescueRoot {
    /// The static busybox binary.
    var busybox: String
    /// The kernel release (for `/lib/modules/RELEASE`).
    var kernelRelease: String
    /// The modules to copy, as in the initramfs.
    var modules: [InitramfsModule]
    /// `modules.dep` for `modules`.
    var modulesDependencies: String
    /// The root's architecture; the rescue tools are only added for the build host's own.
    var architecture: LiveArchitecture = .x86_64
    /// Where the rescue tools come from for another architecture than the host's (a ``RescueToolsSysroot``); they
    /// are left out if `nil`.
    var toolsRoot: String?

    /// Applets that must not become links: isokit's own init takes `/sbin/init`.
    static let reservedPaths: Set<String> = ["sbin/init", "linuxrc"]

    /// Files of the minimal `/etc`.
    static let etcFiles: [(String, String, UInt16)] = [
        ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0o644),
        ("etc/group", "root:x:0:\ntty:x:5:\n", 0o644),
        ("etc/shadow", "root:*:19000:0:99999:7:::\n", 0o600),
        ("etc/hostname", "isokit\n", 0o644),
        ("etc/hosts", "127.0.0.1 localhost\n127.0.1.1 isokit\n::1 localhost\n", 0o644),
        ("etc/profile", "export PATH=/bin:/sbin:/usr/bin:/usr/sbin\nexport PS1='isokit:\\w# '\n", 0o644),
        ("etc/os-release", "NAME=\"isokit rescue\"\nID=isokit-rescue\nPRETTY_NAME=\"isokit rescue system\"\n", 0o644),
        // dropbear refuses a login whose shell is not listed here.
        ("etc/shells", "/bin/sh\n/bin/ash\n", 0o644),
        // glibc programs (dropbear, rsync, curl) look users and hosts up through NSS.
        ("etc/nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n", 0o644),
    ]

    /// Writes the root into `directory`, which must exist and be empty.
    /// - Throws: ``LiveBuildError`` for a missing busybox, a failing applet list or a missing host package (named),
    ///   ``ProgramClosureError`` when a tool's libraries cannot be gathered, or a host error.
    func stage(in directory: String) async throws {
        let files = FileManager.default
        for path in ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "dev", "proc", "sys", "run", "tmp", "root", "mnt", "var/log", "lib/isokit", "etc/dropbear"] {
            try files.createDirectory(atPath: "\(directory)/\(path)", withIntermediateDirectories: true)
        }
        try files.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: "\(directory)/tmp")
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: "\(directory)/root")
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: "\(directory)/etc/dropbear")
        try files.copyItem(atPath: busybox, toPath: "\(directory)/bin/busybox")
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(directory)/bin/busybox")
        for path in try await BusyboxApplets.paths(of: busybox, runnable: architecture == .host) {
            guard !Self.reservedPaths.contains(path), path != "bin/busybox", !path.contains("..") else { continue }
            let depth = path.split(separator: "/").count - 1
            let target = String(repeating: "../", count: depth) + "bin/busybox"
            let link = "\(directory)/\(path)"
            try files.createDirectory(atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if !files.fileExists(atPath: link) { try files.createSymbolicLink(atPath: link, withDestinationPath: target) }
        }
        try Self.write(try LiveResources.rescueInit, to: "\(directory)/sbin/init", mode: 0o755)
        try files.createDirectory(atPath: "\(directory)/usr/share/udhcpc", withIntermediateDirectories: true)
        try Self.write(try LiveResources.udhcpcScript, to: "\(directory)/usr/share/udhcpc/default.script", mode: 0o755)
        try Self.write(try LiveResources.bootSettings, to: "\(directory)/lib/isokit/settings.sh", mode: 0o644)
        // The tools are copied from the build host, or for another architecture from its packages.
        let tools: RescueTools? =
            if architecture == .host { RescueTools() } else {
                toolsRoot.map { RescueTools(hostRoot: $0, machine: architecture.elfMachine) }
            }
        let shadowed = try await BlockingWork.run { try tools?.stage(in: directory) ?? [] }
        try await RescueKeymaps().write(into: directory)
        for (path, text, mode) in Self.etcFiles {
            try Self.write(Array(text.utf8), to: "\(directory)/\(path)", mode: mode)
        }
        // busybox's shell runs its own applet before a program of the same name on PATH: login shells get aliases.
        let aliases = shadowed.map { "alias \($0.name)=\($0.path)\n" }.joined()
        let profile = Self.etcFiles.first { $0.0 == "etc/profile" }?.1 ?? ""
        try Self.write(Array((profile + aliases).utf8), to: "\(directory)/etc/profile", mode: 0o644)
        let modulesRoot = "\(directory)/lib/modules/\(kernelRelease)"
        try files.createDirectory(atPath: modulesRoot, withIntermediateDirectories: true)
        try Self.write(Array(modulesDependencies.utf8), to: "\(modulesRoot)/modules.dep", mode: 0o644)
        // Unpacking every module takes a while: off the cooperative threads.
        try await BlockingWork.run { [modules] in
            for module in modules {
                let path = "\(modulesRoot)/\(module.relativePath)"
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Self.write(try InitramfsBuilder.moduleBytes(module.source), to: path, mode: 0o644)
            }
        }
    }

    /// Writes `bytes` as a new file of the rescue root with permission bits `mode`.
    static func write(_ bytes: [UInt8], to path: String, mode: UInt16) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: mode]) else {
            throw LiveBuildError.badInput(path: path, reason: "cannot write a file of the rescue root")
        }
    }
}
