import BinaryIO
import Foundation
import SystemPackage
import TestSupport
import Testing

@testable import Compression

@Suite("Compressor")
struct CompressorTests {
    static let compressed: [CompressionFormat] = [.gzip, .zstd, .xz, .lz4]
    /// The formats with an integrity check (legacy lz4 has none, so a damaged block may decode to wrong bytes).
    static let checked: [CompressionFormat] = [.gzip, .zstd, .xz]
    static let tools: [CompressionFormat: String] = [.gzip: "gzip", .zstd: "zstd", .xz: "xz", .lz4: "lz4"]
    /// The tool's options to compress standard input to standard output at a low level.
    static let toolCompress: [CompressionFormat: [String]] = [
        .gzip: ["-c", "-3"], .zstd: ["-c", "-3"], .xz: ["-c", "-3"], .lz4: ["-l", "-c", "-3"],
    ]

    /// Deterministic pseudo-random bytes (xorshift), with runs so that compressors have something to find.
    static func sample(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let run = Int(state % 5) == 0 ? Int(state >> 58) : 1
            bytes.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: state >> 24), count: min(run, count - bytes.count)))
        }
        return bytes
    }

    @Test("each format round trips random and empty data", arguments: CompressionFormat.allCases, [0, 1, 3 << 20 + 17])
    func roundTrip(format: CompressionFormat, count: Int) throws {
        let input = Self.sample(count: count)
        let packed = try Compressor(format: format, level: format == .xz ? 1 : nil).compress(input)
        #expect(CompressionFormat(detecting: packed) == (count == 0 && format == .none ? .none : format))
        #expect(try Decompressor(format: format).decompress(packed) == input)
    }

    @Test("output is the same bytes every time", arguments: compressed)
    func reproducible(format: CompressionFormat) throws {
        let input = Self.sample(count: 200_000)
        let compressor = try Compressor(format: format, level: 3)
        #expect(try compressor.compress(input) == compressor.compress(input))
    }

    @Test("gzip header has no name and modification time 0")
    func gzipHeader() throws {
        let packed = try Compressor(format: .gzip).compress(Array("hello".utf8))
        #expect(packed[3] == 0)  // FLG: no FNAME, FCOMMENT, FEXTRA
        #expect(packed[4..<8].allSatisfy { $0 == 0 })  // MTIME
    }

    @Test("a level out of range is an error")
    func badLevel() {
        #expect(throws: CompressionError.invalidLevel(format: .zstd, level: 23, allowed: 1...22)) {
            try Compressor(format: .zstd, level: 23)
        }
    }

    @Test("our output decompresses with the format's tool", .oracles("gzip", "zstd", "xz", "lz4"), arguments: compressed)
    func toolReadsOurs(format: CompressionFormat) async throws {
        let input = Self.sample(count: 1 << 20)
        let packed = try Compressor(format: format, level: 3).compress(input)
        let tool = try #require(Self.tools[format])
        let result = try await Tool.run(tool, ["-dc"], input: packed)
        #expect(result.standardOutputBytes == input)
    }

    @Test("the tool's output decompresses with ours", .oracles("gzip", "zstd", "xz", "lz4"), arguments: compressed)
    func weReadTools(format: CompressionFormat) async throws {
        let input = Self.sample(count: 1 << 20, seed: 42)
        let tool = try #require(Self.tools[format])
        let options = try #require(Self.toolCompress[format])
        var packed = try await Tool.run(tool, options, input: input).standardOutputBytes
        #expect(try Decompressor(format: format).decompress(packed) == input)
        // Two members/frames/streams one after another read as one.
        packed += try await Tool.run(tool, options, input: Array("tail".utf8)).standardOutputBytes
        #expect(try Decompressor(format: format).decompress(packed) == input + Array("tail".utf8))
    }

    @Test("xz output carries a CRC32 check", .oracles("xz"))
    func xzCheck() async throws {
        let scratch = try TemporaryDirectory()
        let packed = try Compressor(format: .xz, level: 1).compress(Self.sample(count: 10_000))
        try scratch.write(packed, to: "a.xz", at: 0)
        let listing = try await Tool.run("xz", ["--robot", "-lv", scratch.path("a.xz")]).stdout
        let stream = try #require(listing.split(separator: "\n").first { $0.hasPrefix("stream\t") })
        #expect(stream.split(separator: "\t").contains("CRC32"))
    }

    @Test("lz4 input over 8 MiB becomes several legacy blocks that lz4 reads", .oracles("lz4"))
    func lz4Blocks() async throws {
        let input = Self.sample(count: (17 << 20) + 3, seed: 7)
        let packed = try Compressor(format: .lz4, level: 1).compress(input)
        #expect(try Decompressor(format: .lz4).decompress(packed) == input)
        #expect(try await Tool.run("lz4", ["-dc"], input: packed).standardOutputBytes == input)
    }

    @Test("files compress and decompress through descriptors", arguments: compressed)
    func files(format: CompressionFormat) throws {
        let scratch = try TemporaryDirectory()
        let input = Self.sample(count: (2 << 20) + 5)
        try scratch.write(input, to: "in", at: 0)
        let source = try FileDescriptor.open(scratch.path("in"), .readOnly)
        defer { try? source.close() }
        let packedFD = try FileDescriptor.open(
            scratch.path("out"), .readWrite, options: [.create, .truncate], permissions: .ownerReadWrite)
        defer { try? packedFD.close() }
        let written = try Compressor(format: format, level: 1).compress(
            from: source, path: "in", to: packedFD, path: "out")
        let plainFD = try FileDescriptor.open(
            scratch.path("back"), .readWrite, options: [.create, .truncate], permissions: .ownerReadWrite)
        defer { try? plainFD.close() }
        let restored = try Decompressor(format: format).decompress(from: packedFD, path: "out", to: plainFD, path: "back")
        #expect(written > 0 && restored == Int64(input.count))
        #expect(try scratch.bytes("back", at: 0, count: input.count) == input)
    }

    @Test("cut input is truncated", arguments: compressed)
    func truncated(format: CompressionFormat) throws {
        let packed = try Compressor(format: format, level: 1).compress(Self.sample(count: 50_000))
        let cut = Array(packed.dropLast(6))
        #expect(throws: CompressionError.truncated(format: format, inputOffset: Int64(cut.count))) {
            try Decompressor(format: format).decompress(cut)
        }
    }

    @Test("empty input is truncated", arguments: compressed)
    func emptyInput(format: CompressionFormat) {
        #expect(throws: CompressionError.truncated(format: format, inputOffset: 0)) {
            try Decompressor(format: format).decompress([])
        }
    }

    @Test("a damaged byte is corrupt input", arguments: checked)
    func corrupt(format: CompressionFormat) throws {
        var packed = try Compressor(format: format, level: 1).compress(Self.sample(count: 50_000))
        packed[packed.count / 2] ^= 0xFF
        var thrown: CompressionError?
        do { _ = try Decompressor(format: format).decompress(packed) } catch let error as CompressionError { thrown = error }
        guard case .corrupt(let reported, _, _) = try #require(thrown) else {
            Issue.record("expected corrupt, got \(String(describing: thrown))")
            return
        }
        #expect(reported == format)
    }
}
