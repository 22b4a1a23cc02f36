import Foundation
import ISO9660
import TestSupport
import Testing

/// Checks that isokit reads an image as bsdtar and xorriso do.
enum ReaderAgreement {
    /// isokit's walk, `bsdtar tvf` and `xorriso -find … -exec lsdl` see the same paths; isokit and xorriso the same
    /// kinds, modes, sizes and link targets; isokit and bsdtar the same kinds, modes and link targets.
    /// - Returns: isokit's listing.
    @discardableResult
    static func expectListingsAgree(_ image: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Listing {
        let isokit = try OracleReaders.isokit(image)
        let xorriso = try await OracleReaders.xorriso(image).withoutEmptyRelocationDirectory()
        let bsdtar = try await OracleReaders.bsdtar(image)
        ListingCompare.expectSame(xorriso, isokit, reader: "xorriso lsdl", sourceLocation: sourceLocation)
        ListingCompare.expectSame(
            bsdtar, isokit, reader: "bsdtar tvf", fields: [.kind, .permissions, .symlinkTarget], sourceLocation: sourceLocation)
        return isokit
    }

    /// Extracts the whole image with isokit and with `bsdtar xf` into `directory` and compares the two trees: names,
    /// kinds, modes, sizes, link targets, modification times, hard links and contents.
    /// - Returns: The scan of isokit's extraction and the path it was written to.
    @discardableResult
    static func expectExtractionsAgree(
        _ image: String, in directory: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (files: [RawPath: HostFile], root: String) {
        let ours = directory.path("isokit-extract")
        let theirs = directory.path("bsdtar-extract")
        _ = try Extractor(image: try ISOImage(path: image)).extract(["/"], to: ours)
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        try await Tool.run("bsdtar", ["xf", image, "-C", theirs], environment: OracleReaders.environment)
        let ourFiles = try HostTree.scan(ours)
        let theirFiles = try HostTree.scan(theirs)
        ListingCompare.expectSame(
            HostTree.listing(ourFiles), HostTree.listing(theirFiles), reader: "isokit extract vs bsdtar xf",
            sourceLocation: sourceLocation)
        let times = ourFiles.compactMap { path, file -> String? in
            guard let other = theirFiles[path], other.modificationTime != file.modificationTime else { return nil }
            return "\(path): \(file.modificationTime) ≠ \(other.modificationTime)"
        }
        #expect(times.isEmpty, "modification times differ: \(times.sorted())", sourceLocation: sourceLocation)
        #expect(HostTree.hardLinkGroups(ourFiles) == HostTree.hardLinkGroups(theirFiles), sourceLocation: sourceLocation)
        let ourSums = try HostTree.checksums(ourFiles, under: ours)
        let theirSums = try HostTree.checksums(theirFiles, under: theirs)
        let differing = ourSums.filter { theirSums[$0.key] != $0.value }.keys.sorted()
        #expect(differing.isEmpty && ourSums.count == theirSums.count, "contents differ: \(differing)",
                sourceLocation: sourceLocation)
        return (ourFiles, ours)
    }
}
