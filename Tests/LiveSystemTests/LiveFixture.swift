import Foundation
import LiveSystem
import TestSupport

/// Builds live images for the tests with the cached Debian kernel (`scripts/setup` puts it there).
enum LiveFixture {
    /// A fixed `SOURCE_DATE_EPOCH` for fixture builds.
    static let epoch: Int64 = 1_700_000_000

    /// Whether live builds can run: a kernel is in isokit's cache, or oracles are required (so its absence fails).
    static var kernelAvailable: Bool {
        Oracle.required || (try? KernelLocator(hostRoot: "/nonexistent").locate()) != nil
    }

    /// Options for a build into `directory/NAME.iso` that uses the cached kernel, never the host's.
    static func options(_ root: LiveRootInput, in directory: String, name: String = "live") -> LiveBuildOptions {
        var options = LiveBuildOptions(root: root, output: "\(directory)/\(name).iso")
        options.hostRoot = directory + "/no-host-kernel"
        options.sourceDateEpoch = epoch
        options.menuTimeout = 0
        options.volumeID = "ISOKIT_TEST"
        return options
    }

    /// Options from the recipe `directory/NAME.toml` with `text`, building `directory/NAME.iso` with the cached
    /// kernel, a fixed time and no menu wait, as ``options(_:in:name:)`` does.
    static func recipeOptions(_ text: String, in directory: String, name: String) throws -> LiveBuildOptions {
        let path = "\(directory)/\(name).toml"
        try FileTree.write(["\(name).toml": .text(text)], under: directory)
        var options = try LiveRecipe.load(path).options(recipePath: path, output: "\(directory)/\(name).iso")
        options.hostRoot = directory + "/no-host-kernel"
        options.sourceDateEpoch = epoch
        options.menuTimeout = 0
        return options
    }

    /// A root file system whose `/sbin/init` is the shell script `script` (run by the static busybox), with busybox
    /// applet links in `/bin`.
    static func scriptedRoot(at root: String, script: String, files: [String: FileTree.Node] = [:]) throws {
        var nodes = files
        nodes["sbin/init"] = .text("#!/bin/busybox sh\n" + script, mode: 0o755)
        for directory in ["bin", "proc", "sys", "dev", "run", "tmp"] { nodes[directory + "/.keep"] = .text("") }
        try FileTree.write(nodes, under: root)
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: root + "/bin/busybox")
        for applet in ["sh", "cat", "echo", "grep", "mount", "poweroff", "ls", "stat", "touch", "sync", "sleep", "find"] {
            try FileManager.default.createSymbolicLink(atPath: "\(root)/bin/\(applet)", withDestinationPath: "busybox")
        }
    }

    /// The start of an x86 bzImage and nothing else: the boot protocol's `HdrS` at 0x202 (Linux
    /// Documentation/arch/x86/boot.rst), so a build takes it for an x86_64 kernel.
    static let fakeBzImage = [UInt8](repeating: 0, count: 0x202) + Array("HdrS".utf8) + [0x0F, 0x02]

    /// A stand-in x86_64 kernel (``fakeBzImage``) whose modules directory lists the live system's mandatory modules
    /// as built in, for tests that fail before anything boots. Returns the kernel image and the modules directory.
    static func fakeKernel(in directory: String) throws -> (kernel: String, modules: String) {
        let release = "6.1.0-0-test"
        let builtin = ["kernel/fs/isofs/isofs.ko", "kernel/fs/squashfs/squashfs.ko", "kernel/fs/overlayfs/overlay.ko", "kernel/drivers/block/loop.ko"]
        try FileTree.write([
            "kernel/vmlinuz-\(release)": .file(fakeBzImage),
            "kernel/modules/\(release)/modules.dep": .text(""),
            "kernel/modules/\(release)/modules.builtin": .text(builtin.map { $0 + "\n" }.joined()),
            "kernel/modules/\(release)/modules.builtin.modinfo": .file(Array("isofs.alias=iso9660\0".utf8), mode: 0o644),
        ], under: directory)
        return (directory + "/kernel/vmlinuz-\(release)", directory + "/kernel/modules/\(release)")
    }
}
