import BinaryIO
import CIsokitLinux
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Writes an image onto a block device or into a disk-image file, optionally growing the file with a persistence
/// partition, and verifies it by reading it back.
///
/// ```swift
/// let options = DiskWriteOptions(image: "live.iso", target: "disk.img", verify: true, size: 4 << 30)
/// let report = try await DiskWriter.write(options)
/// print(report.persistence?.label ?? "no persistence", report.writtenSHA256 ?? "")
/// ```
public enum DiskWriter {
    /// Bytes copied between progress updates.
    static let stepBytes: Int64 = 64 << 20

    /// Writes `options.image` to `options.target`.
    ///
    /// A block device is checked with `deviceGuard` (not mounted, no partition mounted, not holding `/`, nothing
    /// stacked on it), opened with `O_EXCL`, written, fsynced, and its partition table re-read (`BLKRRPART`, best
    /// effort). A file is written through ``AtomicFile`` with `copy_file_range`; with ``DiskWriteOptions/size`` it
    /// grows and gets an ext4 persistence partition (see ``PersistenceLayout``). Nothing is written if a check fails.
    /// The copies, hashes and fsyncs run through ``BlockingWork``, off Swift's cooperative threads.
    ///
    /// - Parameters:
    ///   - options: What to write where.
    ///   - deviceGuard: The mount and holder checks for block devices.
    ///   - progress: Gets `write` and `verify` snapshots (bytes done of the image's bytes).
    /// - Returns: What was written, with the sums when verifying.
    /// - Throws: ``DiskWriteError`` for a refused target or a failed verification, ``IOError`` for the image or
    ///   target I/O, and the errors of ``PersistenceLayout/init(image:diskBytes:label:)``.
    @discardableResult
    public static func write(
        _ options: DiskWriteOptions, deviceGuard: BlockDeviceGuard = BlockDeviceGuard(),
        progress: (@Sendable (String, ProgressSnapshot) -> Void)? = nil
    ) async throws -> DiskWriteReport {
        let image = try ImageReader(path: options.image)
        let target = try DiskTarget(path: options.target, image: image)
        if target.kind == .blockDevice {
            guard options.size == nil else { throw DiskWriteError.sizeOnBlockDevice(path: options.target) }
            let name = target.deviceName ?? ""
            try deviceGuard.check(name: name, path: options.target)
            let bytes = target.existingBytes ?? 0
            guard bytes >= image.size else {
                throw DiskWriteError.targetTooSmall(path: options.target, bytes: bytes, needed: image.size)
            }
        }
        if let size = options.size, size < image.size {
            throw DiskWriteError.badSize(path: options.target, size: size, reason: "smaller than the image's \(image.size) bytes")
        }
        if let bytes = target.existingBytes, !options.force {
            throw DiskWriteError.targetExists(path: options.target, kind: target.kind.rawValue, bytes: bytes)
        }
        switch target.kind {
        case .file:
            let layout = try options.size.map {
                try PersistenceLayout(image: image, diskBytes: $0, label: options.persistenceLabel)
            }
            return try await writeFile(image: image, options: options, layout: layout, progress: progress)
        case .blockDevice:
            let device = target.deviceName ?? ""
            return try await BlockingWork.run {
                try writeDevice(image: image, options: options, device: device, progress: progress)
            }
        }
    }

    private static func writeFile(
        image: ImageReader, options: DiskWriteOptions, layout: PersistenceLayout?,
        progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) async throws -> DiskWriteReport {
        let path = options.target
        let finalBytes = layout?.diskBytes ?? image.size
        return try await AtomicFile.writeAsync(to: path) { descriptor, temporary in
            var report = try await BlockingWork.run {
                guard ftruncate(descriptor.rawValue, off_t(finalBytes)) == 0 else {
                    throw IOError("truncate", path: temporary, errno: Errno(rawValue: isokit_errno()))
                }
                let seconds = try copy(image, to: descriptor, path: temporary, sparse: true, progress: progress)
                for patch in layout?.patches ?? [] {
                    try FileCopier.write(patch.bytes, to: descriptor, at: patch.offset, path: temporary)
                }
                guard layout == nil || fsync(descriptor.rawValue) == 0 else {
                    throw IOError("fsync", path: temporary, errno: Errno(rawValue: isokit_errno()))
                }
                return DiskWriteReport(
                    image: options.image, target: path, targetKind: DiskTarget.Kind.file.rawValue,
                    imageBytes: image.size, targetBytes: finalBytes, copySeconds: seconds)
            }
            if let layout {
                try await Ext4Formatter.format(
                    file: temporary, offset: layout.partition.byteOffset, bytes: layout.partition.fileSystemBytes,
                    label: layout.partition.label)
                report.persistence = layout.partition
            }
            guard options.verify else { return report }
            return try await BlockingWork.run { [report] in
                var report = report
                try verify(image, written: descriptor, path: temporary, shownPath: path, patches: layout?.patches ?? [],
                           report: &report, progress: progress)
                return report
            }
        }
    }

    private static func writeDevice(
        image: ImageReader, options: DiskWriteOptions, device: String,
        progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) throws -> DiskWriteReport {
        let path = options.target
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(path), .readWrite, options: [.exclusiveCreate, .closeOnExec])
        } catch let error as Errno where error == .resourceBusy {
            throw DiskWriteError.inUse(path: path, device: device, holder: "the kernel or another program (EBUSY)")
        } catch {
            throw IOError("open", path: path, errno: (error as? Errno) ?? .ioError)
        }
        defer { try? descriptor.close() }
        let size = try IOError.wrap("seek", path: path) { try descriptor.seek(offset: 0, from: .end) }
        guard size >= image.size else { throw DiskWriteError.targetTooSmall(path: path, bytes: size, needed: image.size) }
        let seconds = try copy(image, to: descriptor, path: path, sparse: false, progress: progress)
        guard fsync(descriptor.rawValue) == 0 else {
            throw IOError("fsync", path: path, errno: Errno(rawValue: isokit_errno()))
        }
        var report = DiskWriteReport(
            image: options.image, target: path, targetKind: DiskTarget.Kind.blockDevice.rawValue, imageBytes: image.size,
            targetBytes: size, copySeconds: seconds)
        report.partitionTableReread = isokit_reread_partitions(descriptor.rawValue) == 0
        if options.verify {
            // Drop the cached pages so the sums come from the device, not from what was just written.
            _ = posix_fadvise(descriptor.rawValue, 0, 0, POSIX_FADV_DONTNEED)
            try verify(image, written: descriptor, path: path, shownPath: path, patches: [], report: &report, progress: progress)
        }
        return report
    }

    /// Copies the image to offset 0 of `target` in ``stepBytes`` steps; returns the seconds it took.
    private static func copy(
        _ image: ImageReader, to target: FileDescriptor, path: String, sparse: Bool,
        progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var done: Int64 = 0
        progress?("write", ProgressSnapshot(bytes: 0, totalBytes: image.size, files: 0, totalFiles: 1))
        while done < image.size {
            let step = min(stepBytes, image.size - done)
            if sparse {
                try FileCopier.copySparse(
                    from: image.descriptor, at: done, path: image.path, to: target, at: done, path: path, count: step)
            } else {
                try FileCopier.copy(from: image.descriptor, at: done, path: image.path, to: target, at: done, path: path, count: step)
            }
            done += step
            progress?("write", ProgressSnapshot(bytes: done, totalBytes: image.size, files: done == image.size ? 1 : 0, totalFiles: 1))
        }
        let elapsed = start.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// Hashes the image and what was written, sets the report's sums, and throws if they differ.
    private static func verify(
        _ image: ImageReader, written: FileDescriptor, path: String, shownPath: String, patches: [DiskPatch],
        report: inout DiskWriteReport, progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) throws {
        let total = image.size * (patches.isEmpty ? 2 : 3)
        var base: Int64 = 0
        let step: (Int64) -> Void = { done in
            progress?("verify", ProgressSnapshot(bytes: base + done, totalBytes: total, files: base + done == total ? 1 : 0, totalFiles: 1))
        }
        let imageSum = try RangeDigest.sha256(of: image.descriptor, path: image.path, count: image.size, progress: step)
        base += image.size
        var expected = imageSum
        if !patches.isEmpty {
            expected = try RangeDigest.sha256(
                of: image.descriptor, path: image.path, count: image.size, patches: patches, progress: step)
            base += image.size
        }
        let writtenSum = try RangeDigest.sha256(of: written, path: path, count: image.size, progress: step)
        report.imageSHA256 = imageSum
        report.expectedSHA256 = expected
        report.writtenSHA256 = writtenSum
        guard writtenSum == expected else {
            throw DiskWriteError.verifyMismatch(path: shownPath, expectedSHA256: expected, writtenSHA256: writtenSum)
        }
    }
}
