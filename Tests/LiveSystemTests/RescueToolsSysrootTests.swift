import Foundation
@testable import LiveSystem
import TestSupport
import Testing

@Suite("Rescue tools sysroot")
struct RescueToolsSysrootTests {
    @Test("the packages to fetch: the tools and the library packages of their closure, not virtual ones or script helpers")
    func packages() {
        let text = """
            curl:arm64
              Depends: libcurl4:arm64
              Depends: zlib1g:arm64
            libcurl4:arm64
              Depends: libc6:arm64
            <debconf-2.0:arm64>
            zlib1g:arm64
            libc6:arm64
            libperl5.36:arm64
            perl-base:arm64
            debconf
            libc6
            """
        #expect(RescueToolsSysroot.packages(inRecursiveDependencies: text, tools: ["curl"], architecture: .aarch64)
            == ["curl:arm64", "libc6:arm64", "libcurl4:arm64", "zlib1g:arm64"])
    }

    @Test("the archives of apt-get download --print-uris, without the mirror's URI")
    func archives() {
        let text = """
            'http://deb.debian.org/debian/pool/main/p/popt/libpopt0_1.19%2bdfsg-1_arm64.deb' libpopt0_1.19+dfsg-1_arm64.deb 42032 SHA256:6361
            'http://mirror.example/debian-security/pool/updates/main/r/rsync/rsync_3.5.0%2bds1-0%2bdeb12u1_arm64.deb' rsync_3.5.0+ds1-0+deb12u1_arm64.deb 476356 SHA256:6123

            """
        #expect(RescueToolsSysroot.archives(inPrintedURIs: text) == [
            "libpopt0_1.19+dfsg-1_arm64.deb 42032 SHA256:6361", "rsync_3.5.0+ds1-0+deb12u1_arm64.deb 476356 SHA256:6123",
        ])
    }

    @Test("the directory's name: the same archives in any order give one name; another list or version another")
    func directoryName() {
        let archives = ["libpopt0_1.19+dfsg-1_arm64.deb 42032 SHA256:6361", "rsync_3.5.0+ds1-0+deb12u1_arm64.deb 476356 SHA256:6123"]
        let name = RescueToolsSysroot.directoryName(archives: archives)
        #expect(name.hasPrefix("isokit-rescue-tools-") && name.count == "isokit-rescue-tools-".count + 16, "\(name)")
        #expect(RescueToolsSysroot.directoryName(archives: archives.reversed()) == name)
        #expect(RescueToolsSysroot.directoryName(archives: [archives[0]]) != name)
        let newer = [archives[0], "rsync_3.5.0+ds1-0+deb12u2_arm64.deb 476360 SHA256:7a01"]
        #expect(RescueToolsSysroot.directoryName(archives: newer) != name)
    }

    @Test(
        "with apt: two tool lists give two directories, the same list the same one; a sysroot in the cache is reused and the others are removed",
        .enabled(if: LiveFixture.arm64Available, "needs dpkg --add-architecture arm64 (scripts/setup)"), .oracles("apt-get", "apt-cache"))
    func reuse() async throws {
        try await withTemporaryDirectory(prefix: "isokit-sysroot") { directory in
            let cache = DebianPackageCache(cache: IsokitCache(root: directory), architecture: .aarch64)
            let rsync = RescueToolsSysroot(packages: cache, toolPackages: ["rsync"])
            let planned = try await rsync.plan()
            #expect(planned.packages.contains("rsync:arm64") && planned.packages.contains("libpopt0:arm64"), "\(planned.packages)")
            #expect(planned.directory.hasPrefix(cache.directory(of: "isokit-rescue-tools-")))
            #expect(try await rsync.plan().directory == planned.directory)
            let curl = try await RescueToolsSysroot(packages: cache, toolPackages: ["curl", "rsync"]).plan()
            #expect(curl.directory != planned.directory)

            // The planned sysroot is there: it is used as it is, without a download, and the others go.
            let parent = (planned.directory as NSString).deletingLastPathComponent
            try FileTree.write([
                (planned.directory as NSString).lastPathComponent + "/usr/bin/rsync": .text("cached\n"),
                "isokit-rescue-tools/usr/bin/rsync": .text("from before the digest\n"),
                (curl.directory as NSString).lastPathComponent + "/usr/bin/curl": .text("another list\n"),
                ".isokit-rescue-tools-0.build-abc123/x": .text("a build under way\n"),
                "busybox-static/bin/busybox": .text("another package\n"),
            ], under: parent)
            #expect(try await rsync.prepared() == planned.directory)
            #expect(try String(contentsOfFile: planned.directory + "/usr/bin/rsync", encoding: .utf8) == "cached\n")
            let left = try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
            #expect(left == [".isokit-rescue-tools-0.build-abc123", (planned.directory as NSString).lastPathComponent, "busybox-static"].sorted())
        }
    }
}
