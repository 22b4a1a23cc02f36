import Foundation
import TestSupport
import Testing

@testable import LiveSystem

@Suite("ProgramsLayer")
struct ProgramsLayerTests {
    @Test("files land at their targets with their modes; below a root's symlinked /lib they go to usr/lib")
    func staging() throws {
        let temp = try TemporaryDirectory()
        try FileTree.write(
            [
                "host/prog": .text("program\n", mode: 0o750), "host/libc": .text("library\n", mode: 0o644),
                "live/usr/lib/.keep": .text(""),
            ], under: temp.path)
        try FileManager.default.createSymbolicLink(atPath: temp.path("live/lib"), withDestinationPath: "usr/lib")
        let files = [
            ClosureFile(hostPath: temp.path("host/prog"), targetPath: "/usr/bin/prog", role: .program),
            ClosureFile(hostPath: temp.path("host/libc"), targetPath: "/lib/x86_64-linux-gnu/libc.so.6", role: .library),
            ClosureFile(hostPath: temp.path("host/libc"), targetPath: "/usr/lib/x86_64-linux-gnu/libc.so.6", role: .library),
        ]
        try ProgramsLayer.stage(files, in: temp.path("plain"), links: nil)
        #expect(try FileTree.list(temp.path("plain")).contains("lib/x86_64-linux-gnu/libc.so.6"))
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path("plain/usr/bin/prog"))[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o750)

        try ProgramsLayer.stage(files, in: temp.path("merged"), links: ProgramsLayer.links(inDirectory: temp.path("live")))
        let merged = try FileTree.list(temp.path("merged"))
        #expect(merged.contains("usr/lib/x86_64-linux-gnu/libc.so.6"))
        #expect(!merged.contains { $0.hasPrefix("lib/") || $0 == "lib" })
    }

    @Test(
        "links are followed in a squashfs base layer (a tar root), relative and absolute, and a loop is an error",
        .oracles("mksquashfs"))
    func layerLinks() async throws {
        let temp = try TemporaryDirectory()
        try FileTree.write(["root/usr/lib/.keep": .text(""), "root/usr/lib64/.keep": .text("")], under: temp.path)
        let files = FileManager.default
        try files.createSymbolicLink(atPath: temp.path("root/lib"), withDestinationPath: "usr/lib")
        try files.createSymbolicLink(atPath: temp.path("root/lib64"), withDestinationPath: "/usr/lib64")
        try files.createSymbolicLink(atPath: temp.path("root/loop"), withDestinationPath: "loop")
        try await Tool.run("mksquashfs", [temp.path("root"), temp.path("base.squashfs"), "-noappend", "-quiet"])
        let links = try ProgramsLayer.links(inLayer: temp.path("base.squashfs"))
        #expect(try ProgramsLayer.placement(of: "/lib/x86_64-linux-gnu", links: links) == "/usr/lib/x86_64-linux-gnu")
        #expect(try ProgramsLayer.placement(of: "/lib64", links: links) == "/usr/lib64")
        #expect(try ProgramsLayer.placement(of: "/opt/app/lib", links: links) == "/opt/app/lib")
        #expect(throws: LiveBuildError.programs(.symlinkLoop(path: "/loop/x"))) {
            try ProgramsLayer.placement(of: "/loop/x", links: links)
        }
    }

    @Test("a recipe's add list becomes the build's programs")
    func recipe() throws {
        let temp = try TemporaryDirectory()
        try FileTree.write(["r.toml": .text("add = [\"/usr/bin/rsync\", \"/usr/sbin/dropbear\"]\n")], under: temp.path)
        let options = try LiveRecipe.load(temp.path("r.toml")).options(recipePath: temp.path("r.toml"), output: "x.iso")
        #expect(options.programs == ["/usr/bin/rsync", "/usr/sbin/dropbear"])
    }

    @Test("a build with a program that is not there stops before any work with the closure's error")
    func missingProgram() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            var options = LiveFixture.options(.rescue, in: directory)
            options.programs = ["/usr/bin/no-such-program"]
            await #expect(throws: LiveBuildError.programs(.programNotFound(path: "/usr/bin/no-such-program"))) {
                try await LiveBuilder.build(options)
            }
            #expect(!FileManager.default.fileExists(atPath: options.output))
            #expect(
                "\(LiveBuildError.programs(.programNotFound(path: "/x")))"
                    == "--add: /x: no such program (give the absolute path of a regular file)")
        }
    }
}
