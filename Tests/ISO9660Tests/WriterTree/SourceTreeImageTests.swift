import Foundation
import TestSupport
import Testing
@testable import ISO9660

/// Trees read out of existing images and edited (the remaster path): writing one copies file data straight from the
/// old image, and real tools see the same files in the new one.
@Suite("SourceTree from an image")
struct SourceTreeImageTests {
    /// An image written by xorriso with Rock Ridge, hard links, a symbolic link, an empty file, and files above and
    /// below the writer's small-file limit.
    static func xorrisoImage(in directory: TemporaryDirectory) async throws -> String {
        try FileTree.write([
            "src/small.txt": .text("small\n"),
            "src/empty": .text(""),
            "src/big.bin": .file((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
            "src/dir/nested.txt": .text("nested\n", mode: 0o600),
            "src/link": .symlink("dir/nested.txt"),
            "src/hard1": .text(String(repeating: "shared ", count: 20_000)),
        ], under: directory.path)
        #expect(link(directory.path("src/hard1"), directory.path("src/dir/hard2")) == 0)
        let image = directory.path("in.iso")
        try await Tool.run(
            "xorriso", ["-hardlinks", "on", "-outdev", image, "-map", directory.path("src"), "/", "-commit"],
            environment: ["LC_ALL": "C"])
        return image
    }

    /// Extracts `image` with xorriso into `target`.
    static func xorrisoExtract(_ image: String, to target: String) async throws {
        try await Tool.run(
            "xorriso", ["-osirrox", "on", "-indev", image, "-extract", "/", target], environment: ["LC_ALL": "C"])
    }

    @Test("an image's tree written again copies every file straight from it; xorriso extracts the same files",
          .oracles("xorriso", "diff"))
    func rewriteFromImage() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-tree-image")
        let input = try await Self.xorrisoImage(in: directory)
        let image = try ISOImage(path: input)
        let tree = try SourceTree(image: image)

        let big = try #require(tree.node(at: "/big.bin"))
        #expect(big.hostPath == input)
        #expect(big.hostOffset == (try image.entry(at: "/big.bin")).extents[0].byteOffset)
        #expect(tree.node(at: "/link")?.kind == .symlink(target: "dir/nested.txt"))
        #expect(tree.node(at: "/dir/nested.txt")?.mode == 0o100600)
        let hard = try #require(tree.node(at: "/hard1")?.hardLinkKey)
        #expect(tree.node(at: "/dir/hard2")?.hardLinkKey == hard)

        var options = ISOWriterOptions()
        options.sourceDateEpoch = 1_700_000_000
        let output = directory.path("out.iso")
        let report = try ISOCreator.create(tree: tree, to: output, options: options)
        #expect(report.files == 7 && report.directories == 2)

        try await Self.xorrisoExtract(input, to: directory.path("a"))
        try await Self.xorrisoExtract(output, to: directory.path("b"))
        try await Tool.run("diff", ["-r", "--no-dereference", directory.path("a"), directory.path("b")])
        let written = try ISOImage(path: output)
        // The hard links still share one extent.
        #expect(try written.entry(at: "/hard1").extents == written.entry(at: "/dir/hard2").extents)
        #expect(try written.entry(at: "/dir/nested.txt").mode == 0o100600)
    }

    @Test("overlay merges directories and replaces files; remove and excluding drop whole subtrees")
    func edits() throws {
        let file = { (name: String, size: Int64) in SourceNode(name: name, hostPath: "/base/" + name, size: size) }
        var tree = SourceTree(root: SourceNode(name: "", kind: .directory, mode: 0o040755, children: [
            SourceNode(name: "boot", kind: .directory, mode: 0o040700, children: [file("grub.cfg", 10), file("keep", 1)]),
            SourceNode(name: "live", kind: .directory, mode: 0o040755, children: [file("a.squashfs", 100)]),
            file("README", 5),
        ]))
        let top = SourceTree(root: SourceNode(name: "", kind: .directory, children: [
            SourceNode(name: "boot", kind: .directory, mode: 0o040777, children: [
                SourceNode(name: "grub.cfg", hostPath: "/top/grub.cfg", size: 20),
                SourceNode(name: "new", kind: .directory, children: [SourceNode(name: "x", hostPath: "/top/x")]),
            ]),
            SourceNode(name: "README", kind: .directory),
        ]))
        let written = tree.overlay(top)
        #expect(written == ["/README", "/boot/grub.cfg", "/boot/new", "/boot/new/x"])
        #expect(tree.node(at: "/boot")?.mode == 0o040700)
        #expect(tree.node(at: "/boot/grub.cfg")?.hostPath == "/top/grub.cfg")
        #expect(tree.node(at: "/boot/keep")?.hostPath == "/base/keep")
        #expect(tree.node(at: "/README")?.isDirectory == true)
        #expect(tree.root.children.map(\.name) == ["README", "boot", "live"])

        let removed = [tree.remove(at: "/live"), tree.remove(at: "/live/a.squashfs"), tree.remove(at: "/")]
        #expect(removed == [true, false, false])
        #expect(tree.node(at: "/live") == nil)
        let kept = tree.excluding(["boot/new", "keep"])
        #expect(kept.node(at: "/boot")?.children.map(\.name) == ["grub.cfg"])
    }
}
