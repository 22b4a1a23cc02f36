import BinaryIO
import BootConfig
import Foundation
import ISO9660
import SystemPackage

/// Writes what a ``XenGuestPlan`` describes: the kernel and the initrds (concatenated into one ramdisk, which Linux
/// unpacks in order) copied out of the image — or, for pvgrub2, the GRUB Xen image and its embedded config — then
/// each guest's xl.cfg. The kernel, ramdisk and xl.cfg files are written atomically; the kernel and ramdisk copies
/// run through ``BlockingWork``.
public enum XenGuestWriter {
    /// Writes the plan's files.
    /// - Parameters:
    ///   - plan: A plan from ``XenGuestPlanner/plan(image:options:)``.
    ///   - image: The image the plan was made from.
    /// - Returns: The files written, in order.
    /// - Throws: ``XenError/invalidConfig(name:underlying:)`` if a rendered xl.cfg does not read back to the same
    ///   settings and validate; ``XenError/pvgrub2Unavailable(reason:)``; ``IOError`` for the output; ``ImageError``
    ///   for a damaged image.
    @discardableResult
    public static func write(_ plan: XenGuestPlan, image: ISOImage) async throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: plan.outputDirectory, withIntermediateDirectories: true)
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            throw IOError("create directory", path: plan.outputDirectory, errno: Errno(rawValue: Int32(code)))
        }
        var written: [String] = []
        if let first = plan.guests.first, plan.boot == .direct {
            // The copies and their fsyncs run off Swift's cooperative threads.
            try await BlockingWork.run { try extract([plan.kernelSource], from: image, to: first.kernel) }
            written.append(first.kernel)
            if let ramdisk = first.ramdisk {
                try await BlockingWork.run { try extract(plan.initrdSources, from: image, to: ramdisk) }
                written.append(ramdisk)
            }
        } else if let first = plan.guests.first, let grubConfig = plan.grubConfig {
            try await XenGrubImage.build(type: first.type, configuration: grubConfig, output: first.kernel)
            written += [first.kernel + ".cfg", first.kernel]
        }
        for guest in plan.guests {
            let text = try checkedConfig(guest)
            try AtomicFile.write(to: guest.configPath) { descriptor, temporary in
                try FileCopier.write(Array(text.utf8), to: descriptor, at: 0, path: temporary)
            }
            written.append(guest.configPath)
        }
        return written
    }

    /// The guest's xl.cfg text, after checking that it reads back to the same settings and follows xl.cfg(5).
    /// - Throws: ``XenError/invalidConfig(name:underlying:)``.
    public static func checkedConfig(_ guest: XenGuest) throws -> String {
        let config = guest.xlConfig
        let text = config.render()
        do throws(XenConfigError) {
            let reread = try XLConfig(text: text)
            try reread.validate()
            guard reread.settings.map({ [$0.key: $0.value] }) == config.settings.map({ [$0.key: $0.value] }) else {
                throw XenConfigError.invalidValue(key: "xl.cfg", value: guest.name, reason: "does not read back the same")
            }
        } catch {
            throw XenError.invalidConfig(name: guest.name, underlying: error)
        }
        return "# Written by isokit xen guest. Start it with: xl create \(guest.configPath)\n" + text
    }

    /// Copies the files at `paths` in the image, one after the other, into the host file `target`.
    static func extract(_ paths: [String], from image: ISOImage, to target: String) throws {
        let entries = try paths.map { try image.entry(at: $0) }
        try AtomicFile.write(to: target) { descriptor, temporary in
            var offset: Int64 = 0
            for entry in entries {
                var left = entry.size
                for extent in entry.extents where left > 0 {
                    let count = min(Int64(extent.length), left)
                    try ImageError.wrap(image: image.path) {
                        try FileCopier.copy(
                            from: image.reader.descriptor, at: extent.byteOffset, path: image.path,
                            to: descriptor, at: offset, path: temporary, count: count)
                    }
                    offset += count
                    left -= count
                }
            }
        }
    }
}
