import Foundation
import ISO9660
import TestSupport
import Testing

/// `SOURCE_DATE_EPOCH` (``ISOWriterOptions/sourceDateEpoch``) makes output bit-identical and every date the epoch.
@Suite("Round trip: SOURCE_DATE_EPOCH")
struct ReproducibleImageTests {
    /// Earlier than every file time, so every time is clamped to it.
    static let epoch: Int64 = 1_500_000_000

    static func options() -> ISOWriterOptions {
        var options = ISOWriterOptions()
        options.sourceDateEpoch = epoch
        return options
    }

    @Test("two runs give the same bytes, also after the first moved access times and the source's times change")
    func bitIdentical() throws {
        let tree = try OddTree()
        let first = try tree.create("first.iso", options: Self.options())
        // A newer time on a file and on the root is clamped to the epoch too.
        let now = timespec(tv_sec: Int(time(nil)), tv_nsec: 0)
        for path in [tree.source + "/size-1", tree.source] {
            #expect(utimensat(AT_FDCWD, path, [now, now], AT_SYMLINK_NOFOLLOW) == 0)
        }
        let second = try tree.create("second.iso", options: Self.options())
        #expect(try HostTree.firstDifference(first, second) == nil)
        #expect(try HostTree.dataSegments(first).reduce(0) { $0 + $1.count } < 64 << 20, "the image is not sparse")
    }

    @Test("without an epoch, the volume dates are the time of the run")
    func differsWithoutEpoch() throws {
        let tree = try OddTree()
        let before = Int64(time(nil))
        let image = try ISOImage(path: try tree.create())
        let created = try #require(image.primary.creationDate.unixTime)
        #expect(created >= before && created <= Int64(time(nil)))
    }

    @Test("every date is the epoch (or the source's, if earlier): descriptors, records, Rock Ridge TF, both trees")
    func datesAreTheEpoch() throws {
        let tree = try OddTree()
        let path = try tree.create(options: Self.options())
        let image = try ISOImage(path: path)
        for descriptor in [image.primary, try #require(image.joliet)] {
            #expect(descriptor.creationDate.unixTime == Self.epoch)
            #expect(descriptor.modificationDate.unixTime == Self.epoch)
            #expect(descriptor.effectiveDate.unixTime == Self.epoch)
            #expect(descriptor.rootDirectoryRecord.recordingDate.unixTime == Self.epoch)
        }
        for namespace in [Namespace.rockRidge, .joliet, .iso9660] {
            let reader = try ISOImage(path: path, namespace: namespace)
            var wrong: [String] = []
            try reader.walk(from: reader.root()) { entry in
                // Clamping keeps earlier modification times (reproducible-builds.org: min(mtime, SOURCE_DATE_EPOCH));
                // access and change times follow the modification time. Only old.txt is older than the epoch.
                let old = entry.name.lowercased() == "old.txt"
                let expected = old ? OddTree.times["old.txt"] ?? 0 : Self.epoch
                let times = [entry.modificationTime, entry.accessTime, entry.changeTime].compactMap { $0 }
                if times.isEmpty || times.contains(where: { $0 != expected }) { wrong.append(entry.path) }
            }
            #expect(wrong.isEmpty, "\(namespace): dates other than the epoch on \(wrong)")
        }
    }

    @Test("xorriso reads the epoch as the volume dates", .oracles("xorriso"))
    func xorrisoDates() async throws {
        let tree = try OddTree()
        let image = try tree.create(options: Self.options())
        let info = try await Tool.run("xorriso", ["-indev", image, "-pvd_info"], environment: OracleReaders.environment)
        let digits = String(decoding: VolumeDate(unixTime: Self.epoch).digits, as: UTF8.self)
        for label in ["Creation Time", "Modif. Time", "Eff. Time"] {
            let line = info.stdout.split(separator: "\n").first { $0.hasPrefix(label) }
            #expect(line?.hasSuffix(": \(digits)") == true, "\(label): \(line ?? "missing")")
        }
    }
}
