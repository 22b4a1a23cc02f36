import Foundation
import LiveSystem
import QEMU
import TestSupport
import Testing

@Suite(
    "Live boot with added programs", .serialized, .boots, .oracles("grub-mkimage"),
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
    .enabled(if: Oracle.required || FileManager.default.fileExists(atPath: "/usr/bin/rsync"), "needs /usr/bin/rsync"))
struct LiveProgramsBootTests {
    /// Runs the added rsync, prints its version line and a marker, and powers off (PID 1 in the live root).
    static let rsyncCheck = """
        echo "rsync says: $(/usr/bin/rsync --version 2>&1 | /bin/busybox head -n 1)"
        echo "lib link: $(cat /lib/marker 2>&1)"
        echo "isokit rsync check end"
        poweroff -f

        """

    @Test("--add /usr/bin/rsync: rsync runs in the booted rescue default and in a usrmerged root")
    func rsyncRuns() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live-boot") { directory in
            let expected = try await Tool.run("/usr/bin/rsync", ["--version"]).stdout
                .split(separator: "\n").first.map(String.init) ?? "?"
            try FileTree.write(["check": .text("#!/bin/sh\n" + Self.rsyncCheck, mode: 0o755)], under: directory)
            var rescue = LiveFixture.options(.rescue, in: directory, name: "rescue")
            rescue.programs = ["/usr/bin/rsync"]
            rescue.files = [LiveFile(source: directory + "/check", target: "/sbin/isokit-check", mode: 0o755)]
            rescue.rootInit = "/sbin/isokit-check"
            let report = try await LiveBuilder.build(rescue)
            #expect(report.layers.map(\.file) == ["00-base.squashfs", "80-programs.squashfs", "90-files.squashfs"])
            #expect(report.addedFiles.first == ClosureFile(hostPath: "/usr/bin/rsync", targetPath: "/usr/bin/rsync", role: .program))
            #expect(report.addedFiles.contains { $0.targetPath == "/lib64/ld-linux-x86-64.so.2" })
            let log = try await LiveBootTests.boot(
                report.output, expect: "isokit rsync check end", log: directory + "/rescue.log")
            #expect(log.contains("rsync says: " + expected), "\(log.suffix(800))")

            // A user root with usrmerge's /lib → usr/lib: the layer must not hide it behind a real /lib.
            try LiveFixture.scriptedRoot(
                at: directory + "/root", script: Self.rsyncCheck, files: ["usr/lib/marker": .text("kept\n")])
            try FileManager.default.createSymbolicLink(atPath: directory + "/root/lib", withDestinationPath: "usr/lib")
            var root = LiveFixture.options(.directory(directory + "/root"), in: directory, name: "root")
            root.programs = ["/usr/bin/rsync"]
            let rootLog = try await LiveBootTests.boot(
                try await LiveBuilder.build(root).output, expect: "isokit rsync check end", log: directory + "/root.log")
            #expect(rootLog.contains("rsync says: " + expected), "\(rootLog.suffix(800))")
            #expect(rootLog.contains("lib link: kept"), "\(rootLog.suffix(800))")
        }
    }
}
