import BinaryIO
import BootConfig
import Compression
import DiskFormats
import Foundation
import ISO9660
import SquashFS

/// Builds a hybrid live ISO (BIOS and UEFI, CD and disk) from the rescue default or a root directory: squashfs
/// layers, isokit's initramfs, GRUB for both firmwares and an EFI system partition.
public enum LiveBuilder {
    /// Where things go inside the image.
    static let kernelPath = "boot/x86_64/vmlinuz"
    static let initrdPath = "boot/x86_64/initrd.img"
    static let biosImagePath = "boot/grub/i386-pc/eltorito.img"
    static let espImagePath = "boot/grub/efi.img"
    static let efiLoaderPath = "EFI/BOOT/BOOTX64.EFI"
    static let liveDirectory = "live"

    /// Builds the image described by `options`.
    /// - Parameters:
    ///   - options: Inputs, kernel, output and settings.
    ///   - step: Told as each step starts.
    ///   - progress: Sees bytes and files while each layer and then the image are written, with the file being
    ///     written (`00-base.squashfs`, …, then the image's own path).
    /// - Returns: What was built.
    /// - Throws: ``LiveBuildError`` naming what is missing or wrong, or host and format errors naming their path.
    ///   No file is left at `options.output` on failure, and the work directory beside it is removed.
    public static func build(
        _ options: LiveBuildOptions, step: (@Sendable (LiveBuildStep) -> Void)? = nil,
        progress: (@Sendable (String, ProgressSnapshot) -> Void)? = nil
    ) async throws -> LiveBuildReport {
        do {
            return try await buildImage(options, step: step, progress: progress)
        } catch {
            throw FoundationErrorTranslation.translated(error)
        }
    }

    /// ``build(_:step:progress:)`` without the error translation.
    static func buildImage(
        _ options: LiveBuildOptions, step: (@Sendable (LiveBuildStep) -> Void)?,
        progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) async throws -> LiveBuildReport {
        var options = options
        if case .debian(let debian) = options.root {
            step?(.debootstrap(suite: debian.suite, packages: debian.packages))
            options.root = .directory(try await debian.prepare(in: options.cache))
        }
        let epoch = options.sourceDateEpoch ?? Int64(time(nil))
        let volumeID = options.volumeID ?? LiveVolumeID.dated(epoch)
        try validate(options, volumeID: volumeID)
        let programFiles = try closure(of: options)
        let kernel =
            if options.xen != nil {
                try await LiveXenBoot.dom0Kernel(
                    kernel: options.kernel, modules: options.modules, root: rootDirectory(options.root),
                    hostRoot: options.hostRoot, cache: options.cache)
            } else {
                try KernelLocator(
                    kernel: options.kernel, modules: options.modules, root: rootDirectory(options.root),
                    hostRoot: options.hostRoot, cache: options.cache
                ).locate()
            }
        step?(.kernel(kernel))
        let modules = try LiveModulePlan.select(for: kernel, extra: options.xen == nil ? [] : [LiveModulePlan.xenDom0])

        let work = try WorkDirectory(near: options.output)
        defer { work.remove() }
        let stage = work.path + "/iso"
        for directory in ["boot/grub/i386-pc", "boot/x86_64", "EFI/BOOT", liveDirectory] {
            try FileManager.default.createDirectory(atPath: "\(stage)/\(directory)", withIntermediateDirectories: true)
        }
        let fixedTime = UInt32(clamping: epoch)
        let layers = try await writeLayers(
            options, modules: modules, kernel: kernel, programFiles: programFiles, stage: stage, work: work.path,
            fixedTime: fixedTime, step: step, progress: progress)

        step?(.initramfs(modules: modules.modules.count))
        let initramfs = try InitramfsBuilder.write(
            InitramfsContents(
                busybox: options.busybox, kernelRelease: kernel.release, modules: modules.modules,
                modulesDependencies: modules.dependencies, label: volumeID, rootInit: options.rootInit,
                programs: try InitramfsContents.memdiskPrograms(
                    modules: modules.modules, kernelRelease: kernel.release, programRoot: options.programRoot)),
            to: "\(stage)/\(initrdPath)",
            compression: try Compressor(format: options.initramfsCompression, level: initramfsLevel(options)),
            modificationTime: fixedTime)
        try FileManager.default.copyItem(atPath: kernel.image, toPath: "\(stage)/\(kernelPath)")
        if let xen = options.xen { try LiveXenBoot.stage(xen, in: stage) }

        step?(.bootloader)
        let menu = LiveBootMenu.configuration(
            label: volumeID, kernel: "/" + kernelPath, initrd: "/" + initrdPath, extra: options.cmdlineExtra,
            entries: options.extraEntries, timeout: options.menuTimeout, xen: options.xen)
        try await writeBootloader(options, menu: menu, volumeID: volumeID, epoch: epoch, stage: stage, work: work.path)
        try writeManifest(
            volumeID: volumeID, epoch: epoch, kernel: kernel, layers: layers, menu: menu, stage: stage,
            hypervisor: options.xen == nil ? nil : LiveXenBoot.hypervisorPath)

        step?(.image)
        var iso = ISOWriterOptions()
        iso.volumeID = volumeID
        iso.rootOwnership = true
        iso.sourceDateEpoch = options.sourceDateEpoch
        iso.bootImages = [
            BootImageOptions(firmware: .bios, path: biosImagePath, bootInfoTable: true, grub2BootInfo: true),
            BootImageOptions(firmware: .efi, path: espImagePath),
        ]
        iso.hybrid = true
        iso.mbrBootCode = GrubImageBuilder(libraryDirectory: options.grubLibrary).hybridMBR
        let created = try ISOCreator.create(
            from: stage, to: options.output, options: iso, observer: observer(progress, label: options.output))
        var report = LiveBuildReport(
            output: options.output, bytes: created.bytes, volumeID: volumeID, kernel: kernel,
            initramfsBytes: initramfs.bytes, initramfsModules: initramfs.modules, layers: layers,
            bootEntries: menu.entries.map(\.title))
        report.addedFiles = programFiles
        return report
    }

    /// The files of `options.programs`, and of Xen's toolstack for a rescue dom0, with everything they need, for the
    /// x86_64 live system.
    /// - Throws: ``LiveBuildError/programs(_:)``.
    static func closure(of options: LiveBuildOptions) throws(LiveBuildError) -> [ClosureFile] {
        let programs = options.programs + (LiveXenBoot.wantsToolstack(options) ? LiveXenBoot.toolstackPrograms : [])
        guard !programs.isEmpty else { return [] }
        do {
            return try ProgramClosure(hostRoot: options.programRoot, machine: .x86_64).resolve(programs)
        } catch {
            throw .programs(error)
        }
    }

    /// Checks the options before any work starts.
    static func validate(_ options: LiveBuildOptions, volumeID: String) throws {
        try LiveVolumeID.validate(volumeID)
        guard options.menuTimeout >= 0 else { throw LiveBuildError.invalidOption("the menu timeout must be 0 or more") }
        if let xen = options.xen { try LiveXenBoot.validate(xen) }
        if LiveXenBoot.wantsToolstack(options) { try LiveXenBoot.validateToolstack(programRoot: options.programRoot) }
        switch options.root {
        case .directory(let root): try RootCheck.requireInit(root: root, initPath: options.rootInit)
        case .tar(let archive) where !HostPath.isReadableFile(archive):
            throw LiveBuildError.badInput(path: archive, reason: "not a readable tar archive")
        case .rescue, .tar, .debian: break
        }
        for layer in options.layers where !HostPath.isDirectory(layer) {
            throw LiveBuildError.badInput(path: layer, reason: "a layer must be a directory")
        }
        let output = URL(fileURLWithPath: options.output).standardizedFileURL.path
        let sources = [rootDirectory(options.root)].compactMap { $0 } + options.layers
        for source in sources {
            let base = URL(fileURLWithPath: source).standardizedFileURL.path
            if output.hasPrefix(base.hasSuffix("/") ? base : base + "/") {
                throw LiveBuildError.badInput(path: options.output, reason: "the output lies inside the input \(source)")
            }
        }
    }

    static func rootDirectory(_ root: LiveRootInput) -> String? {
        if case .directory(let path) = root { return path }
        return nil
    }

    /// zstd at level 19 takes seconds for a few MiB; the initramfs uses a faster level, others their default.
    static func initramfsLevel(_ options: LiveBuildOptions) -> Int? {
        options.initramfsCompression == .zstd ? 10 : nil
    }

    /// Writes the base layer and the extra layers into `stage/live`, and `layers.list` naming them in order.
    static func writeLayers(
        _ options: LiveBuildOptions, modules: LiveModulePlan, kernel: KernelSource, programFiles: [ClosureFile],
        stage: String, work: String, fixedTime: UInt32, step: (@Sendable (LiveBuildStep) -> Void)?,
        progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) async throws -> [LiveBuildReport.Layer] {
        var layers: [LiveBuildReport.Layer] = []
        var sources: [(file: String, directory: String, label: String, ownership: SquashFSOwnership)] = []
        let ownership = options.ownership ?? LiveOwnership.hostTreeDefault
        switch options.root {
        case .rescue:
            step?(.stagingRoot)
            let root = work + "/rescue-root"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try await RescueRoot(
                busybox: options.busybox, kernelRelease: kernel.release, modules: modules.modules,
                modulesDependencies: modules.dependencies
            ).stage(in: root)
            if LiveXenBoot.wantsToolstack(options) { try LiveXenBoot.stageToolstack(in: root) }
            sources.append(("00-base.squashfs", root, "rescue", .root))
        case .directory(let root):
            sources.append(("00-base.squashfs", root, root, ownership))
        case .tar(let archive):
            step?(.layer(file: "00-base.squashfs", source: archive))
            let path = "\(stage)/\(liveDirectory)/00-base.squashfs"
            let summary = try SquashFSBuilder.build(
                fromTar: archive, to: path,
                options: SquashFSOptions(
                    compressor: options.layerCompression, fixedTime: fixedTime, ownership: options.ownership ?? .preserve),
                observer: observer(progress, label: "00-base.squashfs"))
            try RootCheck.requireInit(layer: path, rootName: archive, initPath: options.rootInit)
            layers.append(try layerReport(file: "00-base.squashfs", source: archive, path: path, entries: summary.entryCount))
        case .debian(let debian):
            throw LiveBuildError.invalidOption("debian \(debian.suite): the root must be prepared before the layers")
        }
        for (index, layer) in options.layers.enumerated() {
            let file = "\((index + 1) * 10)-\(LayerName.sanitized(layer)).squashfs"
            sources.append((file, layer, layer, ownership))
        }
        if !programFiles.isEmpty {
            let root = work + "/programs-root"
            try ProgramsLayer.stage(programFiles, in: root, links: try rootLinks(options.root, stage: stage))
            sources.append(("80-programs.squashfs", root, "programs", .root))
        }
        if !options.files.isEmpty {
            let root = work + "/files-root"
            try LiveFilesLayer.stage(options.files, in: root)
            sources.append(("90-files.squashfs", root, "files", .root))
        }
        for source in sources {
            step?(.layer(file: source.file, source: source.label))
            let path = "\(stage)/\(liveDirectory)/\(source.file)"
            let summary = try SquashFSBuilder.build(
                from: source.directory, to: path,
                options: SquashFSOptions(compressor: options.layerCompression, fixedTime: fixedTime, ownership: source.ownership),
                observer: observer(progress, label: source.file))
            layers.append(try layerReport(file: source.file, source: source.label, path: path, entries: summary.entryCount))
        }
        let list = layers.map { $0.file + "\n" }.joined()
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(stage)/\(liveDirectory)/layers.list"))
        return layers
    }

    /// The symbolic links of the root the programs layer goes above: a root directory's, or those of the base
    /// layer made from a tar archive; none for the rescue default, which has none that matter.
    static func rootLinks(_ root: LiveRootInput, stage: String) throws -> ProgramsLayer.LinkLookup? {
        switch root {
        case .directory(let directory): ProgramsLayer.links(inDirectory: directory)
        case .tar: try ProgramsLayer.links(inLayer: "\(stage)/\(liveDirectory)/00-base.squashfs")
        case .rescue, .debian: nil
        }
    }

    /// `progress` for one labelled piece of work.
    static func observer(
        _ progress: (@Sendable (String, ProgressSnapshot) -> Void)?, label: String
    ) -> (@Sendable (ProgressSnapshot) -> Void)? {
        guard let progress else { return nil }
        return { progress(label, $0) }
    }

    /// The report line of a written layer, with its checksum.
    static func layerReport(file: String, source: String, path: String, entries: Int) throws -> LiveBuildReport.Layer {
        let digest = try FileDigest.sha256(of: path)
        return LiveBuildReport.Layer(file: file, source: source, bytes: digest.bytes, entries: entries, sha256: digest.hex)
    }

    /// Writes GRUB's images, the EFI system partition image and `grub.cfg` into the stage.
    static func writeBootloader(
        _ options: LiveBuildOptions, menu: GrubConfiguration, volumeID: String, epoch: Int64, stage: String,
        work: String
    ) async throws {
        let loader = "\(stage)/\(efiLoaderPath)"
        try await GrubImageBuilder(libraryDirectory: options.grubLibrary).makeImages(
            early: GrubEarlyConfiguration(label: volumeID), biosImage: "\(stage)/\(biosImagePath)", efiImage: loader,
            scratch: work, extraModules: options.xen == nil ? [] : LiveXenBoot.grubModules)
        var esp = FATImageBuilder(
            volumeLabel: "ISOKIT_EFI", volumeID: UInt32(truncatingIfNeeded: epoch), unixTime: epoch)
        try esp.addFile(efiLoaderPath, hostPath: loader)
        try esp.write(to: "\(stage)/\(espImagePath)")
        try Data(menu.render().utf8).write(to: URL(fileURLWithPath: "\(stage)/boot/grub/grub.cfg"))
    }

    /// Writes `/live/manifest.json`; `hypervisor` is the Xen hypervisor's path in the stage, if any.
    static func writeManifest(
        volumeID: String, epoch: Int64, kernel: KernelSource, layers: [LiveBuildReport.Layer], menu: GrubConfiguration,
        stage: String, hypervisor: String? = nil
    ) throws {
        func part(_ path: String) throws -> LiveManifest.Part {
            let digest = try FileDigest.sha256(of: "\(stage)/\(path)")
            return LiveManifest.Part(path: "/" + path, bytes: digest.bytes, sha256: digest.hex)
        }
        let manifest = LiveManifest(
            volumeID: volumeID, created: epoch, kernelRelease: kernel.release, kernelOrigin: kernel.origin,
            kernel: try part(kernelPath), initramfs: try part(initrdPath),
            layers: layers.map { LiveManifest.Part(path: "/\(liveDirectory)/\($0.file)", bytes: $0.bytes, sha256: $0.sha256) },
            cmdline: menu.entries.first?.parameters ?? [], hypervisor: try hypervisor.map(part))
        try Data(try manifest.encoded()).write(to: URL(fileURLWithPath: "\(stage)/\(liveDirectory)/manifest.json"))
    }
}
