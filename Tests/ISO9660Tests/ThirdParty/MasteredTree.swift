import Foundation
import ISO9660
import TestSupport
import Testing

/// A source tree mastered at test time by xorriso or genisoimage, for checking that isokit reads other tools'
/// images as bsdtar and xorriso do: an 11-level chain (relocated where the tool relocates), long and Unicode names,
/// symbolic links of every sort, three hard links in two directories, empty files, a FIFO, device nodes (as root),
/// odd modes.
struct MasteredTree {
    /// How the image is made.
    enum Maker: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// `xorriso -as mkisofs -R -J`: deep directories stay in place (xorriso's default).
        case xorriso
        /// `xorriso -compliance deep_paths_off -rr_reloc_dir rr_moved -as mkisofs -R -J`: deep directories are
        /// relocated and the relocation directory is marked RE.
        case xorrisoRelocated
        /// `genisoimage -R -J -joliet-long`: deep directories are relocated to a visible `rr_moved`.
        case genisoimage
        /// `genisoimage -r -J -joliet-long -hide-rr-moved`: owners 0 and modes rationalised, relocation directory
        /// `.rr_moved`.
        case genisoimageRationalized
        /// `xorriso -as mkisofs -R -J -joliet-utf16 -iso-level 3`: Joliet names beyond UCS-2 as surrogate pairs.
        case xorrisoUTF16

        var testDescription: String { rawValue }

        /// Whether the image keeps the source's modes (`-r` rationalises them).
        var keepsModes: Bool { self != .genisoimageRationalized }

        /// Whether the image's PN entries hold the `dev_t` that xorriso and bsdtar expect (genisoimage writes major
        /// and minor numbers).
        var devTDeviceNumbers: Bool { self != .genisoimage && self != .genisoimageRationalized }

        /// The tools it needs.
        var tools: [String] { devTDeviceNumbers ? ["xorriso"] : ["genisoimage"] }
    }

    static let fileTime: Int64 = 1_650_000_000
    static let deepChain = (1...11).map { "level\($0)" }.joined(separator: "/")
    static let longName = String(repeating: "0123456789", count: 15) + ".txt"

    let directory: TemporaryDirectory
    let source: String
    let image: String

    /// Writes the tree and masters it with `maker`.
    static func make(_ maker: Maker) async throws -> MasteredTree {
        let directory = try TemporaryDirectory(prefix: "isokit-mastered")
        let source = directory.path("source")
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        let nodes: [String: FileTree.Node] = [
            "\(deepChain)/leaf.txt": .text("deep\n"), longName: .text("long\n"), "ünïcødé-名前.txt": .text("unicode\n"),
            "e\u{301}cole-nfd.txt": .text("nfd\n"), "with space.txt": .text("space\n"), "Twin.txt": .text("T\n"),
            "twin.txt": .text("t\n"), "empty": .file([]), "private": .file(OddTree.contents("private", count: 3000), mode: 0o600),
            "run.sh": .text("#!/bin/sh\n", mode: 0o755), "sticky/": .directory(mode: 0o1777), "sub/": .directory(mode: 0o750),
            "big.bin": .file(OddTree.contents("big", count: 300_000)),
            "rel-link": .symlink("with space.txt"), "abs-link": .symlink("/usr/bin/env"), "dangling": .symlink("nowhere"),
            "dir-link": .symlink("level1/level2"), "sub/up": .symlink("../run.sh"), "h1": .text("linked\n", mode: 0o640),
        ]
        try FileTree.write(nodes, under: source)
        // genisoimage -J refuses names beyond UCS-2 ("Incorrectly encoded string").
        if maker.tools == ["xorriso"] { try FileTree.write(["😀-emoji.txt": .text("emoji\n")], under: source) }
        for name in ["sub/h2", "sub/h3"] {
            guard link(source + "/h1", source + "/" + name) == 0 else { throw FixtureFailure("link \(name): errno \(errno)") }
        }
        guard mkfifo(source + "/fifo", 0o640) == 0 else { throw FixtureFailure("mkfifo: errno \(errno)") }
        if OddTree.makesDevices { try OddTree.makeDevices(OddTree.devices, under: source) }
        try Self.setTimes(source)
        let image = directory.path("\(maker.rawValue).iso")
        let environment = ["LC_ALL": "C.UTF-8", "SOURCE_DATE_EPOCH": "1700000000"]
        switch maker {
        case .xorriso:
            try await Tool.run("xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-o", image, source], environment: environment)
        case .xorrisoRelocated:
            try await Tool.run(
                "xorriso",
                ["-compliance", "deep_paths_off", "-rr_reloc_dir", "rr_moved", "-as", "mkisofs", "-quiet", "-R", "-J",
                 "-o", image, source], environment: environment)
        case .genisoimage:
            try await Tool.run(
                "genisoimage", ["-quiet", "-R", "-J", "-joliet-long", "-o", image, source], environment: environment)
        case .genisoimageRationalized:
            try await Tool.run(
                "genisoimage", ["-quiet", "-r", "-J", "-joliet-long", "-hide-rr-moved", "-o", image, source],
                environment: environment)
        case .xorrisoUTF16:
            try await Tool.run(
                "xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-joliet-utf16", "-iso-level", "3", "-o", image, source],
                environment: environment)
        }
        return MasteredTree(directory: directory, source: source, image: image)
    }

    /// Gives every node ``fileTime``, children first, links themselves.
    static func setTimes(_ root: String) throws {
        let paths = try HostTree.scan(root).keys.map { root + "/" + $0.description }
        let time = timespec(tv_sec: Int(fileTime), tv_nsec: 0)
        for path in paths.sorted(by: { $0.utf8.count > $1.utf8.count }) {
            guard utimensat(AT_FDCWD, path, [time, time], AT_SYMLINK_NOFOLLOW) == 0 else {
                throw FixtureFailure("utimensat \(path): errno \(errno)")
            }
        }
    }
}
