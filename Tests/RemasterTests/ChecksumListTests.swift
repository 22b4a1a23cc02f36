import Foundation
import ISO9660
import Remaster
import TestSupport
import Testing

/// Debian-style images list every file's sum in `md5sum.txt` and `sha256sum.txt`; a remaster keeps both true.
@Suite("Remaster: checksum lists")
struct ChecksumListTests {
    @Test("md5sum -c and sha256sum -c pass on the remastered tree: changed files re-summed, deleted ones dropped, new ones added",
          .oracles("md5sum", "sha256sum", "xorriso"))
    func listsStayTrue() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster-sums") { directory in
            let tree = directory + "/tree"
            try FileTree.write([
                "tree/README": .text("original\n"),
                "tree/live/filesystem.squashfs": .text("root\n"),
                "tree/doc/old.txt": .text("old\n"),
                "patch/README": .text("patched\n"),
                "patch/doc/new.txt": .text("new\n"),
            ], under: directory)
            for (tool, list) in [("md5sum", "md5sum.txt"), ("sha256sum", "sha256sum.txt")] {
                let sums = try await Tool.run(
                    "bash", ["-c", "cd \(tree) && find . -type f ! -name '*sum.txt' | sort | xargs \(tool)"]).stdout
                try sums.write(toFile: tree + "/" + list, atomically: false, encoding: .utf8)
            }
            _ = try ISOCreator.create(from: tree, to: directory + "/in.iso", options: ISOWriterOptions())

            var options = RemasterOptions(input: directory + "/in.iso", output: directory + "/out.iso")
            options.patches = [directory + "/patch"]
            options.deletions = ["/doc/old.txt"]
            let report = try Remasterer.remaster(options)
            #expect(report.patched == ["/README", "/doc/new.txt", "/md5sum.txt", "/sha256sum.txt"])

            try await Tool.run(
                "xorriso", ["-osirrox", "on", "-indev", report.output, "-extract", "/", directory + "/out"])
            for (tool, list) in [("md5sum", "md5sum.txt"), ("sha256sum", "sha256sum.txt")] {
                let check = try await Tool.run("bash", ["-c", "cd \(directory)/out && \(tool) -c --strict \(list)"]).stdout
                #expect(check.split(separator: "\n").sorted() == [
                    "./README: OK", "./doc/new.txt: OK", "./live/filesystem.squashfs: OK",
                ])
            }
        }
    }
}
