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
        try ProgramsLayer.stage(files, in: temp.path("plain"), liveRoot: nil)
        #expect(try FileTree.list(temp.path("plain")).contains("lib/x86_64-linux-gnu/libc.so.6"))
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path("plain/usr/bin/prog"))[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o750)

        try ProgramsLayer.stage(files, in: temp.path("merged"), liveRoot: temp.path("live"))
        let merged = try FileTree.list(temp.path("merged"))
        #expect(merged.contains("usr/lib/x86_64-linux-gnu/libc.so.6"))
        #expect(!merged.contains { $0.hasPrefix("lib/") || $0 == "lib" })
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
