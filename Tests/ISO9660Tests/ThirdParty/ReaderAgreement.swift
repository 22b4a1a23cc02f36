import Foundation
import ISO9660
import TestSupport
import Testing

/// Checks that isokit reads an image as bsdtar and xorriso do.
enum ReaderAgreement {
    /// isokit's walk, `bsdtar tvf` and `xorriso -find … -exec lsdl` see the same paths; isokit and xorriso the same
    /// kinds, modes, sizes, link targets and device numbers; isokit and bsdtar the same kinds, modes, link targets
    /// and device numbers.
    /// - Parameter devices: Compare device numbers; false for genisoimage's images, whose PN entries hold major and
    ///   minor numbers that libarchive and libisofs read as a `dev_t`.
    /// - Returns: isokit's listing.
    @discardableResult
    static func expectListingsAgree(
        _ image: String, devices: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Listing {
        let isokit = try OracleReaders.isokit(image)
        let xorriso = try await OracleReaders.xorriso(image).withoutEmptyRelocationDirectory()
        let bsdtar = OracleReaders.forgivingLibarchiveTargets(try await OracleReaders.bsdtar(image), reference: isokit)
        ListingCompare.expectSame(
            xorriso, isokit, reader: "xorriso lsdl", fields: devices ? .all : .allButDevices, sourceLocation: sourceLocation)
        ListingCompare.expectSame(
            bsdtar, isokit, reader: "bsdtar tvf", fields: [.kind, .permissions, .symlinkTarget, devices ? .device : []],
            sourceLocation: sourceLocation)
        return isokit
    }

    /// Extracts the whole image with isokit and with `bsdtar xf` into `directory` and compares the two trees: names,
    /// kinds, modes, sizes, link targets, device numbers, modification times, hard links and contents.
    /// - Parameter devices: Compare device numbers (see ``expectListingsAgree(_:devices:sourceLocation:)``); when
    ///   false, device nodes are left out of both extractions (libarchive can't create what it misreads).
    /// - Returns: The scan of isokit's whole extraction and the path it was written to.
    @discardableResult
    static func expectExtractionsAgree(
        _ image: String, in directory: TemporaryDirectory, devices: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (files: [RawPath: HostFile], root: String) {
        let ours = directory.path("isokit-extract")
        let theirs = directory.path("bsdtar-extract")
        let reader = try ISOImage(path: image)
        _ = try Extractor(image: reader).extract(["/"], to: ours)
        var devicePaths: [String] = []
        if !devices {
            try reader.walk(from: reader.root()) { entry in
                if entry.kind == .characterDevice || entry.kind == .blockDevice { devicePaths.append(String(entry.path.dropFirst())) }
            }
        }
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        let excludes = devicePaths.flatMap { ["--exclude", $0] }
        try await Tool.run("bsdtar", ["xf", image, "-C", theirs] + excludes, environment: OracleReaders.environment)
        let allOurFiles = try HostTree.scan(ours)
        let ourFiles = allOurFiles.filter { !devicePaths.contains($0.key.description) }
        let theirFiles = try HostTree.scan(theirs)
        let theirListing = OracleReaders.forgivingLibarchiveTargets(
            HostTree.listing(theirFiles), reference: HostTree.listing(ourFiles))
        ListingCompare.expectSame(
            HostTree.listing(ourFiles), theirListing, reader: "isokit extract vs bsdtar xf",
            fields: devices ? .all : .allButDevices, sourceLocation: sourceLocation)
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
        return (allOurFiles, ours)
    }
}
