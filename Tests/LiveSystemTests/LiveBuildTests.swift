import BinaryIO
import Compression
import DiskFormats
import Foundation
import LiveSystem
import Synchronization
import TestSupport
import Testing

@Suite("Live build", .serialized, .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
struct LiveBuildTests {
    @Test(
        "the rescue default: xorriso sees both El Torito entries, sgdisk a clean GPT, fsck.fat a clean ESP, cpio the initramfs",
        .oracles("xorriso", "sgdisk", "fsck.fat", "mdir", "cpio", "unsquashfs", "zstd", "osirrox"))
    func rescueDefault() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            let report = try await LiveBuilder.build(LiveFixture.options(.rescue, in: directory))
            let image = report.output
            #expect(report.layers.map(\.file) == ["00-base.squashfs"])
            #expect(report.initramfsModules > 10)

            let torito = try await Tool.run("xorriso", ["-indev", image, "-report_el_torito", "plain"])
            #expect(torito.stdout.contains("El Torito boot img :   1  BIOS  y"), "\(torito.stdout)")
            #expect(torito.stdout.contains("El Torito boot img :   2  UEFI  y"), "\(torito.stdout)")
            #expect(torito.stdout.contains("/boot/grub/i386-pc/eltorito.img"), "\(torito.stdout)")
            let gpt = try await Tool.run("sgdisk", ["-v", image])
            #expect(gpt.stdout.contains("No problems found."), "\(gpt.stdout)")

            let out = directory + "/x"
            try await Tool.run("osirrox", [
                "-indev", image, "-extract", "/boot", out + "/boot", "-extract", "/live", out + "/live",
            ])
            let fsck = try await Tool.run("fsck.fat", ["-n", out + "/boot/grub/efi.img"])
            #expect(fsck.status == 0)
            let listing = try await Tool.run("mdir", ["-i", out + "/boot/grub/efi.img", "-b", "-/", "::/"])
            #expect(listing.stdout.contains("::/EFI/BOOT/BOOTX64.EFI"), "\(listing.stdout)")

            let packed = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/boot/x86_64/initrd.img")))
            #expect(CompressionFormat(detecting: packed) == .zstd)
            let archive = try Decompressor(format: .zstd).decompress(packed)
            let members = try await Tool.run("cpio", ["-t", "--quiet"], input: archive).stdout.split(separator: "\n")
            for expected in ["init", "bin/busybox", "etc/isokit/live.conf", "etc/isokit/modules", "dev/console"] {
                #expect(members.contains(Substring(expected)), "\(expected) missing from the initramfs")
            }
            #expect(members.contains { $0.hasSuffix("/isofs.ko") })
            #expect(members.contains { $0.hasSuffix("/overlay.ko") })

            let squash = try await Tool.run("unsquashfs", ["-lls", out + "/live/00-base.squashfs"]).stdout
            #expect(squash.contains("squashfs-root/sbin/init"), "\(squash)")
            #expect(squash.contains("squashfs-root/bin/sh -> busybox") || squash.contains("squashfs-root/bin/sh -> ../bin/busybox"))
            let manifest = try String(contentsOfFile: out + "/live/manifest.json", encoding: .utf8)
            #expect(manifest.contains(report.layers[0].sha256))
        }
    }

    @Test("SOURCE_DATE_EPOCH: two builds of the same root give the same bytes")
    func reproducible() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            let first = try await LiveBuilder.build(LiveFixture.options(.rescue, in: directory, name: "a"))
            let second = try await LiveBuilder.build(LiveFixture.options(.rescue, in: directory, name: "b"))
            let a = try Data(contentsOf: URL(fileURLWithPath: first.output))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.output))
            #expect(a == b)
        }
    }

    @Test("bad input: a root without /sbin/init, a missing kernel, a layer that is a file — clear errors, no output")
    func badInput() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            try FileTree.write(["root/etc/hostname": .text("x\n"), "file": .text("x")], under: directory)
            var noInit = LiveFixture.options(.directory(directory + "/root"), in: directory)
            await #expect(throws: LiveBuildError.rootWithoutInit(root: directory + "/root", program: "/sbin/init")) {
                try await LiveBuilder.build(noInit)
            }
            noInit.root = .rescue
            noInit.layers = [directory + "/file"]
            await #expect(throws: LiveBuildError.badInput(path: directory + "/file", reason: "a layer must be a directory")) {
                try await LiveBuilder.build(noInit)
            }
            var noKernel = LiveFixture.options(.rescue, in: directory)
            noKernel.cache = IsokitCache(root: directory + "/empty-cache")
            let error = await #expect(throws: LiveBuildError.self) { try await LiveBuilder.build(noKernel) }
            #expect("\(error.map { "\($0)" } ?? "")".contains("no kernel found; tried:"))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(left.sorted() == ["file", "root"], "leftovers: \(left)")
        }
    }

    @Test("a full disk: the build fails with the output's file system named, and nothing is left behind")
    func fullDisk() async throws {
        try #require(geteuid() == 0, "mounting a small tmpfs needs root")
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            let fake = try LiveFixture.fakeKernel(in: directory)
            let small = directory + "/small"
            try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
            try await Tool.run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", small])
            do {
                var options = LiveFixture.options(.rescue, in: directory)
                options.output = small + "/live.iso"
                options.kernel = fake.kernel
                options.modules = fake.modules
                let error = await #expect(throws: IOError.self) { try await LiveBuilder.build(options) }
                #expect(error?.errno == .noSpace, "\(String(describing: error))")
                #expect(error?.path.hasPrefix(small + "/") == true, "\(String(describing: error))")
                let left = try FileManager.default.contentsOfDirectory(atPath: small)
                #expect(left.isEmpty, "leftovers: \(left)")
            }
            try await Tool.run("umount", [small])
        }
    }

    @Test("a tar root without /sbin/init: the error names the archive, and nothing is left", .oracles("tar"))
    func tarWithoutInit() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            try FileTree.write(["root/etc/hostname": .text("x\n"), "root/sbin/init": .text("not executable\n")], under: directory)
            try await Tool.run("tar", ["-C", directory + "/root", "--numeric-owner", "-cf", directory + "/root.tar", "."])
            let options = LiveFixture.options(.path(directory + "/root.tar"), in: directory)
            #expect(options.root == .tar(directory + "/root.tar"))
            await #expect(throws: LiveBuildError.rootWithoutInit(root: directory + "/root.tar", program: "/sbin/init")) {
                try await LiveBuilder.build(options)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["root", "root.tar"])
        }
    }

    @Test(
        "a root directory's layer lists like mksquashfs's image of the same tree (unsquashfs -lls)",
        .oracles("mksquashfs", "unsquashfs", "osirrox"))
    func layerMatchesMksquashfs() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            try LiveFixture.scriptedRoot(at: directory + "/root", script: "poweroff -f\n", files: [
                "etc/hostname": .text("live\n"), "usr/share/doc/readme": .text(String(repeating: "text ", count: 5000)),
                "var/empty/.keep": .text(""),
            ])
            try FileManager.default.createSymbolicLink(atPath: directory + "/root/etc/motd", withDestinationPath: "hostname")
            let report = try await LiveBuilder.build(LiveFixture.options(.directory(directory + "/root"), in: directory))
            try await Tool.run("osirrox", ["-indev", report.output, "-extract", "/live", directory + "/live"])
            try await Tool.run("mksquashfs", [directory + "/root", directory + "/ref.sqfs", "-noappend", "-comp", "zstd", "-quiet"])
            /// Type, mode, owner, size and path of each entry; the times differ (isokit's are SOURCE_DATE_EPOCH).
            func listing(_ image: String) async throws -> [String] {
                try await Tool.run("unsquashfs", ["-lls", image]).stdout.split(separator: "\n").map { line in
                    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                    return fields.count > 5 ? (fields.prefix(3) + fields.dropFirst(5)).joined(separator: " ") : String(line)
                }
            }
            let ours = try await listing(directory + "/live/00-base.squashfs")
            #expect(ours.count > 15)
            #expect(ours == (try await listing(directory + "/ref.sqfs")))
        }
    }

    @Test("the layers and the image are written off Swift's cooperative threads: other tasks run meanwhile")
    func offCooperativeThreads() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            let fake = try LiveFixture.fakeKernel(in: directory)
            try LiveFixture.scriptedRoot(at: directory + "/root", script: "poweroff -f\n")
            var options = LiveFixture.options(.directory(directory + "/root"), in: directory)
            options.kernel = fake.kernel
            options.modules = fake.modules
            let probe = PoolProbe()
            // All cooperative threads but one are held by blocking tasks, so the one left is the only place a new
            // task can run. Work that held it would make every probe time out.
            let holders = ProcessInfo.processInfo.activeProcessorCount - 1
            let report = try await withThrowingTaskGroup(of: Void.self) { group in
                defer { probe.finished.value.store(true, ordering: .sequentiallyConsistent) }
                for _ in 0..<holders {
                    group.addTask {
                        probe.holding.value.add(1, ordering: .sequentiallyConsistent)
                        probe.wait(for: probe.finished, seconds: 600)
                    }
                }
                for _ in 0..<6000 where probe.holding.value.load(ordering: .sequentiallyConsistent) < holders {
                    try await Task.sleep(for: .milliseconds(10))
                }
                return try await LiveBuilder.build(options, progress: { label, _ in probe.check(label) })
            }
            #expect(probe.checked.withLock { $0 } == ["00-base.squashfs", report.output])
            #expect(probe.missed.withLock { $0 }.isEmpty, "no task ran while these were written")
        }
    }

    /// Checks, from inside a build's progress reports, that a new task still gets a cooperative thread.
    final class PoolProbe: Sendable {
        /// A flag one thread sets and another waits for.
        final class Flag: Sendable {
            let value = Atomic<Bool>(false)
        }

        /// A count shared by tasks.
        final class Count: Sendable {
            let value = Atomic<Int>(0)
        }

        /// Set when the build has ended.
        let finished = Flag()
        /// How many tasks hold a cooperative thread.
        let holding = Count()
        /// The progress labels checked, each at its first report.
        let checked = Mutex<Set<String>>([])
        /// The labels during whose work no new task ran within the time allowed.
        let missed = Mutex<[String]>([])

        /// At the first report of `label`, starts a task and blocks (at most 60 s) until it has run.
        func check(_ label: String) {
            guard checked.withLock({ $0.insert(label).inserted }) else { return }
            let ran = Flag()
            Task { ran.value.store(true, ordering: .sequentiallyConsistent) }
            if !wait(for: ran, seconds: 60) { missed.withLock { $0.append(label) } }
        }

        /// Blocks the calling thread until `flag` is set or `seconds` pass; returns whether it was set.
        @discardableResult
        func wait(for flag: Flag, seconds: Int) -> Bool {
            for _ in 0..<(seconds * 100) where !flag.value.load(ordering: .sequentiallyConsistent) {
                usleep(10_000)
            }
            return flag.value.load(ordering: .sequentiallyConsistent)
        }
    }
}
