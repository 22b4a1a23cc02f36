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
    static let biosImagePath = "boot/grub/i386-pc/eltorito.img"
    static let espImagePath = "boot/grub/efi.img"
    static let liveDirectory = "live"

    /// Builds the image described by `options`. Its long synchronous steps (layers, initramfs, hashes, the ESP and
    /// the image) run through ``BlockingWork``, off Swift's cooperative threads.
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
        var inputs: [SystemInputs] = []
        for (index, architecture) in options.architectures.enumerated() {
            // The first architecture's layers are in /live, as in a single-architecture image; the others' in
            // /live/ARCH, each named by its own initramfs.
            let live = index == 0 ? liveDirectory : "\(liveDirectory)/\(architecture.rawValue)"
            inputs.append(try await systemInputs(options, architecture: architecture, live: live, step: step))
        }

        let work = try WorkDirectory(near: options.output)
        defer { work.remove() }
        let stage = work.path + "/iso"
        let architectures = options.architectures
        let bios = architectures.contains(where: \.bootsFromBIOS) ? ["boot/grub/i386-pc"] : []
        for directory in bios + ["boot/grub", "EFI/BOOT"] + inputs.flatMap({ [$0.architecture.bootDirectory, $0.live] }) {
            try FileManager.default.createDirectory(atPath: "\(stage)/\(directory)", withIntermediateDirectories: true)
        }
        var systems: [SystemOutputs] = []
        for system in inputs {
            systems.append(
                try await writeSystem(system, volumeID: volumeID, epoch: epoch, stage: stage, work: work.path, step: step, progress: progress))
        }

        step?(.bootloader)
        // One architecture on PCs keeps its plain menu; otherwise the menu branches on GRUB's CPU.
        let menu = architectures == [.x86_64] ? systems[0].menu.render() : bootMenuText(systems)
        try await writeBootloaders(options, menu: menu, volumeID: volumeID, epoch: epoch, stage: stage, work: work.path)

        step?(.image)
        var iso = ISOWriterOptions()
        iso.volumeID = volumeID
        iso.rootOwnership = true
        iso.sourceDateEpoch = options.sourceDateEpoch
        iso.bootImages = [BootImageOptions(firmware: .efi, path: espImagePath)]
        iso.hybrid = true
        if !bios.isEmpty {
            iso.bootImages.insert(
                BootImageOptions(firmware: .bios, path: biosImagePath, bootInfoTable: true, grub2BootInfo: true), at: 0)
            iso.mbrBootCode = GrubImageBuilder(libraryDirectory: options.grubLibrary).hybridMBR
        }
        let created = try await BlockingWork.run { [iso, output = options.output] in
            try ISOCreator.create(from: stage, to: output, options: iso, observer: observer(progress, label: output))
        }
        let primary = systems[0]
        var report = LiveBuildReport(
            output: options.output, bytes: created.bytes, volumeID: volumeID, kernel: primary.inputs.kernel,
            initramfsBytes: primary.initramfs.bytes, initramfsModules: primary.initramfs.modules,
            layers: systems.flatMap { system in
                system.layers.map { layer in
                    var layer = layer
                    if system.inputs.live != liveDirectory { layer.file = system.inputs.architecture.rawValue + "/" + layer.file }
                    return layer
                }
            },
            bootEntries: systems.flatMap { $0.menu.entries.map(\.title) })
        report.addedFiles = primary.inputs.programFiles
        report.architectures = architectures
        return report
    }

    /// The files of `options.programs`, and of Xen's toolstack for a rescue dom0, with everything they need, for the
    /// live system's architecture.
    /// - Throws: ``LiveBuildError/programs(_:)``.
    static func closure(of options: LiveBuildOptions) throws(LiveBuildError) -> [ClosureFile] {
        let programs = options.programs + (LiveXenBoot.wantsToolstack(options) ? LiveXenBoot.toolstackPrograms : [])
        guard !programs.isEmpty else { return [] }
        do {
            return try ProgramClosure(
                hostRoot: options.programRoot, machine: (options.architectures.first ?? .x86_64).elfMachine).resolve(programs)
        } catch {
            throw .programs(error)
        }
    }

    /// Checks the options before any work starts.
    static func validate(_ options: LiveBuildOptions, volumeID: String) throws {
        try LiveVolumeID.validate(volumeID)
        try validateArchitectures(options)
        // One --kernel is for one architecture (checked above). An unreadable one is the locator's to report, with
        // the other places it tried.
        if let kernel = options.kernel, let architecture = options.architectures.first, HostPath.isReadableFile(kernel) {
            try requireKernel(kernel, bootsOn: architecture)
        }
        guard options.menuTimeout >= 0 else { throw LiveBuildError.invalidOption("the menu timeout must be 0 or more") }
        if let xen = options.xen { try LiveXenBoot.validate(xen) }
        if let secureBoot = options.secureBoot {
            try LiveSecureBoot.validate(secureBoot, architecture: options.architectures.first ?? .x86_64, xen: options.xen)
        }
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
        progress: (@Sendable (String, ProgressSnapshot) -> Void)?, live: String = liveDirectory
    ) async throws -> [LiveBuildReport.Layer] {
        var layers: [LiveBuildReport.Layer] = []
        var sources: [(file: String, directory: String, label: String, ownership: SquashFSOwnership)] = []
        let ownership = options.ownership ?? LiveOwnership.hostTreeDefault
        switch options.root {
        case .rescue:
            step?(.stagingRoot)
            let root = "\(work)/rescue-root-\(options.architectures.first?.rawValue ?? "x86_64")"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try await RescueRoot(
                busybox: options.busybox, kernelRelease: kernel.release, modules: modules.modules,
                modulesDependencies: modules.dependencies, architecture: options.architectures.first ?? .x86_64,
                toolsRoot: options.rescueToolsRoot
            ).stage(in: root)
            if LiveXenBoot.wantsToolstack(options) { try LiveXenBoot.stageToolstack(in: root) }
            sources.append(("00-base.squashfs", root, "rescue", .root))
        case .directory(let root):
            sources.append(("00-base.squashfs", root, root, ownership))
        case .tar(let archive):
            step?(.layer(file: "00-base.squashfs", source: archive))
            let path = "\(stage)/\(live)/00-base.squashfs"
            layers.append(
                try await BlockingWork.run {
                    let summary = try SquashFSBuilder.build(
                        fromTar: archive, to: path,
                        options: SquashFSOptions(
                            compressor: options.layerCompression, fixedTime: fixedTime,
                            ownership: options.ownership ?? .preserve),
                        observer: observer(progress, label: "00-base.squashfs"))
                    try RootCheck.requireInit(layer: path, rootName: archive, initPath: options.rootInit)
                    return try layerReport(
                        file: "00-base.squashfs", source: archive, path: path, entries: summary.entryCount)
                })
        case .debian(let debian):
            throw LiveBuildError.invalidOption("debian \(debian.suite): the root must be prepared before the layers")
        }
        for (index, layer) in options.layers.enumerated() {
            let file = "\((index + 1) * 10)-\(LayerName.sanitized(layer)).squashfs"
            sources.append((file, layer, layer, ownership))
        }
        if !programFiles.isEmpty {
            let root = "\(work)/programs-root-\(options.architectures.first?.rawValue ?? "x86_64")"
            try await BlockingWork.run {
                try ProgramsLayer.stage(programFiles, in: root, links: try rootLinks(options.root, stage: stage, live: live))
            }
            sources.append(("80-programs.squashfs", root, "programs", .root))
        }
        if !options.files.isEmpty {
            let root = "\(work)/files-root-\(options.architectures.first?.rawValue ?? "x86_64")"
            try await BlockingWork.run { try LiveFilesLayer.stage(options.files, in: root) }
            sources.append(("90-files.squashfs", root, "files", .root))
        }
        for source in sources {
            step?(.layer(file: source.file, source: source.label))
            let path = "\(stage)/\(live)/\(source.file)"
            layers.append(
                try await BlockingWork.run {
                    let summary = try SquashFSBuilder.build(
                        from: source.directory, to: path,
                        options: SquashFSOptions(
                            compressor: options.layerCompression, fixedTime: fixedTime, ownership: source.ownership),
                        observer: observer(progress, label: source.file))
                    return try layerReport(
                        file: source.file, source: source.label, path: path, entries: summary.entryCount)
                })
        }
        let list = layers.map { $0.file + "\n" }.joined()
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(stage)/\(live)/layers.list"))
        return layers
    }

    /// The symbolic links of the root the programs layer goes above: a root directory's, or those of the base
    /// layer made from a tar archive; none for the rescue default, which has none that matter.
    static func rootLinks(
        _ root: LiveRootInput, stage: String, live: String = liveDirectory
    ) throws -> ProgramsLayer.LinkLookup? {
        switch root {
        case .directory(let directory): ProgramsLayer.links(inDirectory: directory)
        case .tar: try ProgramsLayer.links(inLayer: "\(stage)/\(live)/00-base.squashfs")
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

    /// Writes `/live/manifest.json`; `hypervisor` is the Xen hypervisor's path in the stage, if any.
    static func writeManifest(
        volumeID: String, epoch: Int64, kernel: KernelSource, layers: [LiveBuildReport.Layer], menu: GrubConfiguration,
        stage: String, hypervisor: String? = nil, architecture: LiveArchitecture = .x86_64, live: String = liveDirectory
    ) throws {
        func part(_ path: String) throws -> LiveManifest.Part {
            let digest = try FileDigest.sha256(of: "\(stage)/\(path)")
            return LiveManifest.Part(path: "/" + path, bytes: digest.bytes, sha256: digest.hex)
        }
        let manifest = LiveManifest(
            volumeID: volumeID, created: epoch, kernelRelease: kernel.release, kernelOrigin: kernel.origin,
            kernel: try part(kernelPath(architecture)), initramfs: try part(initrdPath(architecture)),
            layers: layers.map { LiveManifest.Part(path: "/\(live)/\($0.file)", bytes: $0.bytes, sha256: $0.sha256) },
            cmdline: menu.entries.first?.parameters ?? [], hypervisor: try hypervisor.map(part))
        try Data(try manifest.encoded()).write(to: URL(fileURLWithPath: "\(stage)/\(live)/manifest.json"))
    }
}
