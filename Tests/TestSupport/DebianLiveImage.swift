import Foundation

/// A small Debian Live ISO built by Debian's own live-build (`lb config` + `lb build`, as root), for the slow tier's
/// remaster and boot tests. It is built once and kept in isokit's cache under a key made from the configuration:
/// `debian-live/KEY/live-image-amd64.hybrid.iso`, with live-build's output in `debian-live/KEY/build.log`.
///
/// The image is made to boot quickly under QEMU TCG: bookworm's `cloud-amd64` kernel, a minbase root with only
/// live-boot and live-config, no recommends, no firmware, zstd squashfs, isolinux (BIOS) and GRUB (UEFI) with the
/// serial console on the kernel command line, menus that boot the first entry after a second. The cloud kernel has
/// no AHCI and no USB storage, so the CD is read through `ata_piix` (QEMU's IDE CD drive), and those modules are
/// forced into the initrd.
///
/// ```swift
/// let iso = try await DebianLiveImage.cached()
/// let result = try await ConsoleProbe.run(
///     MachineProfile(firmware: .bios, media: [.cdrom(path: iso)]), expect: "login:", timeout: .seconds(900))
/// ```
public enum DebianLiveImage {
    /// The image's file name, as live-build writes it.
    public static let imageName = "live-image-amd64.hybrid.iso"

    /// The mirror for every stage.
    static let mirror = "http://deb.debian.org/debian"

    /// The arguments of `lb config`; part of the cache key.
    public static let configArguments = [
        "--distribution", "bookworm", "--architectures", "amd64", "--mode", "debian", "--system", "live",
        "--archive-areas", "main", "--security", "false", "--updates", "false",
        "--mirror-bootstrap", mirror, "--mirror-chroot", mirror, "--mirror-binary", mirror,
        "--debootstrap-options", "--variant=minbase", "--apt-recommends", "false", "--apt-indices", "false",
        "--linux-flavours", "cloud-amd64", "--firmware-binary", "false", "--firmware-chroot", "false",
        "--binary-images", "iso-hybrid", "--bootloaders", "syslinux,grub-efi", "--uefi-secure-boot", "disable",
        "--bootappend-live", "boot=live components console=ttyS0,115200n8",
        "--chroot-squashfs-compression-type", "zstd",
        "--debian-installer", "none", "--memtest", "none", "--win32-loader", "false", "--zsync", "false",
    ]

    /// Files written into the build directory after `lb config` (paths relative to it); part of the cache key.
    ///
    /// - `/etc/initramfs-tools/modules` in the root forces into the initrd what live-boot needs to find the medium
    ///   (an IDE CD through ata_piix, or a virtio disk) and mount its root.
    /// - isolinux's and GRUB's menus boot the first entry after a second and show on the serial port too;
    ///   live-build's own wait for a key press forever.
    public static let configFiles = [
        "config/includes.chroot_after_packages/etc/initramfs-tools/modules": """
            ata_piix
            sr_mod
            cdrom
            isofs
            virtio_pci
            virtio_blk
            virtio_scsi
            squashfs
            overlay
            loop
            """,
        "config/bootloaders/isolinux/isolinux.cfg": """
            serial 0 115200
            include menu.cfg
            default vesamenu.c32
            prompt 0
            timeout 10
            """,
        "config/bootloaders/grub-pc/config.cfg": """
            set default=0
            set timeout=1
            serial --unit=0 --speed=115200
            terminal_input console serial
            terminal_output console serial
            """,
    ]

    /// The cache directory for this configuration: `debian-live/KEY` under ``KernelCache/root``.
    public static var directory: String { KernelCache.root + "/debian-live/" + key }

    /// The cache key: 16 hex digits of a 64-bit FNV-1a hash of the configuration.
    public static var key: String {
        let files = configFiles.keys.sorted().map { "\($0):\n\(configFiles[$0] ?? "")" }
        let text = (configArguments + files).joined(separator: "\n")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The path of the cached image, whether or not it has been built.
    public static var imagePath: String { directory + "/" + imageName }

    /// The path of live-build's log for the last build.
    public static var logPath: String { directory + "/build.log" }

    /// The cached image, built now (tens of minutes, as root, with network access) if the cache lacks it.
    ///
    /// live-build is installed with `apt-get install -y live-build` first if `lb` is missing (after `apt-get update`
    /// if the package lists lack it). Calls in one process share a single build.
    /// - Returns: The image's path.
    /// - Throws: ``ToolError/failed(command:status:standardError:)`` when not running as root, when a step fails (with
    ///   the end of ``logPath``), or when a mount is left inside the build directory; ``ToolError/notFound(tool:searched:)``
    ///   if `apt-get` or `sh` is missing.
    public static func cached() async throws -> String {
        try await builder.image()
    }

    /// Serialises builds in this process.
    private static let builder = Builder()

    /// Runs at most one build at a time and remembers the finished image.
    private actor Builder {
        func image() async throws -> String {
            let image = DebianLiveImage.imagePath
            if FileManager.default.fileExists(atPath: image) { return image }
            try await DebianLiveImage.build()
            return image
        }
    }

    /// Builds the image into ``imagePath`` through a fresh `build` directory beside it, which is removed afterwards.
    static func build() async throws {
        guard geteuid() == 0 else {
            throw ToolError.failed(command: "lb build", status: 1, standardError: "live-build needs root")
        }
        let manager = FileManager.default
        let work = directory + "/build"
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard manager.createFile(atPath: logPath, contents: Data()) else {
            throw ToolError.failed(command: "lb build", status: 1, standardError: "cannot create \(logPath)")
        }
        try await removeBuildDirectory(work)
        try manager.createDirectory(atPath: work, withIntermediateDirectories: true)
        let clock = ContinuousClock()
        let start = clock.now
        if Oracle.path(of: "lb") == nil {
            let install = "apt-get install -y live-build || { apt-get update && apt-get install -y live-build; }"
            try await logged("apt-get install -y live-build", ["sh", "-c", install], in: work)
        }
        try await logged("lb config", ["lb", "config"] + configArguments, in: work)
        for (path, text) in configFiles {
            let file = URL(fileURLWithPath: work + "/" + path)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: file)
        }
        try await logged("lb build", ["lb", "build"], in: work)
        let built = work + "/" + imageName
        guard manager.fileExists(atPath: built) else {
            throw ToolError.failed(command: "lb build", status: 0, standardError: "no \(imageName)\n" + logTail())
        }
        try manager.moveItem(atPath: built, toPath: imagePath + ".tmp")
        try manager.moveItem(atPath: imagePath + ".tmp", toPath: imagePath)
        let elapsed = start.duration(to: clock.now).components.seconds
        try append("isokit: built \(imageName) in \(elapsed) s\n")
        try await removeBuildDirectory(work)
    }

    /// Runs `command` in `directory` with its output appended to ``logPath``.
    /// - Throws: ``ToolError/failed(command:status:standardError:)`` with the end of the log if it fails.
    static func logged(_ title: String, _ command: [String], in directory: String) async throws {
        try append("isokit: \(title)\n")
        let script = "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1"
        let result = try await Tool.runAllowingFailure(
            "sh", ["-c", script, "sh", logPath] + command, environment: ["DEBIAN_FRONTEND": "noninteractive"],
            currentDirectory: directory)
        guard result.succeeded else {
            throw ToolError.failed(command: title + " (log: \(logPath))", status: result.status, standardError: logTail())
        }
    }

    /// Removes a build directory left by an earlier run: `lb clean --purge` first, which unmounts what live-build
    /// mounted in its chroot, and nothing is deleted while anything is still mounted below it.
    static func removeBuildDirectory(_ work: String) async throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: work) else { return }
        if manager.fileExists(atPath: work + "/config"), Oracle.path(of: "lb") != nil {
            try await logged("lb clean --purge", ["lb", "clean", "--purge"], in: work)
        }
        let mounts = String(decoding: manager.contents(atPath: "/proc/self/mounts") ?? Data(), as: UTF8.self)
        let inside = mounts.split(separator: "\n").compactMap { line in
            line.split(separator: " ").dropFirst().first.map(String.init)
        }.filter { $0 == work || $0.hasPrefix(work + "/") }
        guard inside.isEmpty else {
            throw ToolError.failed(
                command: "rm -r \(work)", status: 1,
                standardError: "still mounted there, unmount by hand: \(inside.joined(separator: ", "))")
        }
        try manager.removeItem(atPath: work)
    }

    /// Appends a line of isokit's own to the log.
    static func append(_ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// The last 40 lines of the log.
    static func logTail() -> String {
        let text = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(40).joined(separator: "\n")
    }
}
