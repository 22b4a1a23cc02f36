import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A scratch directory with a small source tree (`tree/`) and the image `isokit create` made of it (`live.iso`).
///
/// Commands run with the scratch directory as working directory and relative paths, so outputs that name the image
/// are the same on every machine.
struct CLIFixture {
    let scratch: TemporaryDirectory

    /// The `SOURCE_DATE_EPOCH` every image is made with.
    static let epoch = "1700000000"
    /// The environment for reproducible `create` runs.
    static let environment = ["SOURCE_DATE_EPOCH": epoch]

    /// The source tree: files in the root and in subdirectories, an executable, an empty directory, a symbolic link,
    /// and a file of several blocks.
    static let tree: [String: FileTree.Node] = [
        "README.txt": .text("hello\n"),
        "bin/run": .text("#!/bin/sh\necho run\n", mode: 0o755),
        "docs/guide.txt": .text(String(repeating: "isokit guide\n", count: 100)),
        "docs/empty/": .directory(),
        "big.bin": .file((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
        "latest": .symlink("README.txt"),
    ]

    /// Paths of ``tree`` as `ls -R` prints them, in ISO 9660 record order.
    static let treePaths = [
        "/big.bin", "/bin", "/bin/run", "/docs", "/docs/empty", "/docs/guide.txt", "/latest", "/README.txt",
    ]

    /// Writes the tree and, unless `makeImage` is false, creates `live.iso` from it with the binary.
    init(makeImage: Bool = true) async throws {
        scratch = try TemporaryDirectory(prefix: "isokit-cli")
        try FileTree.write(Self.tree, under: scratch.path("tree"), modificationTime: 1_700_000_000)
        if makeImage {
            try await expectSuccess(["create", "tree", "-o", "live.iso", "--volid", "CLITEST", "-r", "-q"])
        }
    }

    /// An absolute path inside the scratch directory.
    func path(_ relative: String) -> String { scratch.path(relative) }

    /// Runs `isokit` in the scratch directory with a fixed `SOURCE_DATE_EPOCH`.
    func run(_ arguments: [String], environment: [String: String] = environment) async throws -> ToolResult {
        try await IsokitBinary.run(arguments, environment: environment, in: scratch.path)
    }

    /// Runs `isokit` and records an issue unless it exits 0.
    @discardableResult
    func expectSuccess(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> ToolResult {
        let result = try await run(arguments)
        #expect(result.status == 0, "isokit \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Copies `live.iso` to `name` and overwrites bytes of the copy.
    func damagedCopy(_ name: String, patches: [(offset: Int64, bytes: [UInt8])], truncate size: Int64? = nil) throws -> String {
        let copy = path(name)
        try FileManager.default.copyItem(atPath: path("live.iso"), toPath: copy)
        let descriptor = open(copy, O_WRONLY | O_CLOEXEC)
        try #require(descriptor >= 0, "open \(copy): errno \(errno)")
        defer { close(descriptor) }
        for (offset, bytes) in patches {
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            try #require(written == bytes.count, "pwrite \(copy): errno \(errno)")
        }
        if let size { try #require(ftruncate(descriptor, off_t(size)) == 0, "ftruncate \(copy): errno \(errno)") }
        return copy
    }

    /// The size in bytes of the file `relative` in the scratch directory.
    func size(_ relative: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(relative))
        return try #require((attributes[.size] as? NSNumber)?.int64Value)
    }

    /// The root directory's LBA, from the primary volume descriptor's root record (ECMA-119 §8.4.18, §9.1.3).
    func rootLBA(of image: String) throws -> UInt32 {
        let field = try ContentCompare.contents(of: path(image))[(0x8000 + 158)..<(0x8000 + 162)]
        return field.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// The files and directories directly in the scratch directory, for checking that nothing else was written.
    func topLevel() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: scratch.path))
    }

    /// Decodes a command's JSON output.
    static func decode<T: Decodable>(_ type: T.Type, from result: ToolResult) throws -> T {
        try JSONDecoder().decode(type, from: Data(result.standardOutputBytes))
    }
}

/// A both-byte-order 32-bit field (ECMA-119 §7.3.3).
func bothEndian(_ value: UInt32) -> [UInt8] {
    let little = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    return little + little.reversed()
}
