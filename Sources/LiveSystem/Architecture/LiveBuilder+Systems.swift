import BinaryIO
import BootConfig
import Compression
import DiskFormats
import Foundation

extension LiveBuilder {
    /// What one architecture's live system is made of, found before anything is written.
    struct SystemInputs: Sendable {
        /// The architecture.
        var architecture: LiveArchitecture
        /// The build options with this architecture alone and its busybox.
        var options: LiveBuildOptions
        /// The kernel.
        var kernel: KernelSource
        /// The kernel modules of the initramfs (and the rescue root).
        var modules: LiveModulePlan
        /// The files of `--add`, built for this architecture.
        var programFiles: [ClosureFile]
        /// The directory of its layers in the image, without a leading slash (`live`, `live/aarch64`).
        var live: String
    }

    /// What was written for one architecture.
    struct SystemOutputs: Sendable {
        /// What it was made of.
        var inputs: SystemInputs
        /// Its layers, lowest first.
        var layers: [LiveBuildReport.Layer]
        /// Its initramfs.
        var initramfs: InitramfsBuilder.Summary
        /// Its boot menu.
        var menu: GrubConfiguration
    }

    /// Finds the busybox, the programs, the kernel and the modules of `architecture`'s live system.
    /// - Throws: ``LiveBuildError`` naming what is missing or wrong.
    static func systemInputs(
        _ options: LiveBuildOptions, architecture: LiveArchitecture, live: String,
        step: (@Sendable (LiveBuildStep) -> Void)?
    ) async throws -> SystemInputs {
        var options = options
        options.architectures = [architecture]
        options.busybox = try await busybox(for: architecture, options: options)
        if case .rescue = options.root, architecture != .host {
            options.rescueToolsRoot = try await RescueToolsSysroot(
                packages: DebianPackageCache(cache: options.cache, architecture: architecture)
            ).prepared()
        }
        let programFiles = try closure(of: options)
        let kernel =
            if architecture != .x86_64 {
                try await self.kernel(for: architecture, options: options)
            } else if options.xen != nil {
                try await LiveXenBoot.dom0Kernel(
                    kernel: options.kernel, modules: options.modules, root: rootDirectory(options.root),
                    hostRoot: options.hostRoot, cache: options.cache)
            } else if options.secureBoot != nil && options.kernel == nil {
                try await GenericKernelChoice.kernel(
                    locator: KernelLocator(
                        modules: options.modules, root: rootDirectory(options.root), hostRoot: options.hostRoot,
                        cache: options.cache, cacheFlavour: .generic),
                    cache: options.cache, suits: \.drivesSATA)
            } else {
                try KernelLocator(
                    kernel: options.kernel, modules: options.modules, root: rootDirectory(options.root),
                    hostRoot: options.hostRoot, cache: options.cache
                ).locate()
            }
        // --kernel was checked before anything was fetched; one from a root's /boot, the host or the cache is here.
        if kernel.origin != .explicit { try requireKernel(kernel.image, bootsOn: architecture) }
        if options.secureBoot != nil { try LiveSecureBoot.requireSigned(kernel: kernel.image) }
        step?(.kernel(kernel))
        let modules = try LiveModulePlan.select(for: kernel, extra: options.xen == nil ? [] : [LiveModulePlan.xenDom0])
        return SystemInputs(
            architecture: architecture, options: options, kernel: kernel, modules: modules, programFiles: programFiles,
            live: live)
    }

    /// Writes one architecture's layers, initramfs, kernel and manifest into the stage, and makes its menu.
    static func writeSystem(
        _ system: SystemInputs, volumeID: String, epoch: Int64, stage: String, work: String,
        step: (@Sendable (LiveBuildStep) -> Void)?, progress: (@Sendable (String, ProgressSnapshot) -> Void)?
    ) async throws -> SystemOutputs {
        let options = system.options
        let architecture = system.architecture
        let fixedTime = UInt32(clamping: epoch)
        let layers = try await writeLayers(
            options, modules: system.modules, kernel: system.kernel, programFiles: system.programFiles, stage: stage,
            work: work, fixedTime: fixedTime, step: step, progress: progress, live: system.live)

        step?(.initramfs(modules: system.modules.modules.count))
        let initramfs = try await BlockingWork.run {
            try InitramfsBuilder.write(
                InitramfsContents(
                    busybox: options.busybox, kernelRelease: system.kernel.release, modules: system.modules.modules,
                    modulesDependencies: system.modules.dependencies, label: volumeID, liveDirectory: "/" + system.live,
                    rootInit: options.rootInit,
                    programs: try InitramfsContents.memdiskPrograms(
                        modules: system.modules.modules, kernelRelease: system.kernel.release,
                        programRoot: options.programRoot)),
                to: "\(stage)/\(initrdPath(architecture))",
                compression: try Compressor(format: options.initramfsCompression, level: initramfsLevel(options)),
                modificationTime: fixedTime)
        }
        try await BlockingWork.run {
            try FileManager.default.copyItem(atPath: system.kernel.image, toPath: "\(stage)/\(kernelPath(architecture))")
            // A Xen live CD is x86_64 alone (checked before): its hypervisor goes in before the manifest names it.
            if let xen = options.xen { try LiveXenBoot.stage(xen, in: stage) }
        }

        var menu = LiveBootMenu.configuration(
            label: volumeID, kernel: "/" + kernelPath(architecture), initrd: "/" + initrdPath(architecture),
            extra: options.cmdlineExtra, entries: options.extraEntries, timeout: options.menuTimeout, xen: options.xen,
            consoles: consoles(architecture), serial: architecture.bootsFromBIOS)
        if system.live != liveDirectory {
            // The entries of every architecture are in one grub.cfg; the titles say which are whose.
            menu.entries = menu.entries.map { entry in
                var entry = entry
                entry.title += " (\(architecture.rawValue))"
                return entry
            }
        }
        try await BlockingWork.run { [menu] in
            try writeManifest(
                volumeID: volumeID, epoch: epoch, kernel: system.kernel, layers: layers, menu: menu, stage: stage,
                hypervisor: options.xen == nil ? nil : LiveXenBoot.hypervisorPath, architecture: architecture,
                live: system.live)
        }
        return SystemOutputs(inputs: system, layers: layers, initramfs: initramfs, menu: menu)
    }

    /// `grub.cfg` for `systems`: one architecture's menu as it is; several in one file, each run by the GRUB of its
    /// CPU (`$grub_cpu`), the first architecture's (the default of readers that see every entry) by any other.
    static func bootMenuText(_ systems: [SystemOutputs]) -> String {
        GrubConfiguration.render(byCPU: systems.map { (cpus: [$0.inputs.architecture.grubCPU], configuration: $0.menu) })
    }

    /// Writes the GRUB images of every architecture (the BIOS image too when x86_64 is one; with `--xen`, GRUB's
    /// multiboot2 modules in them), the EFI system partition holding each architecture's UEFI loader (with Secure
    /// Boot, Debian's signed loaders instead of isokit's GRUB), and `grub.cfg` with the text `menu`.
    static func writeBootloaders(
        _ options: LiveBuildOptions, menu: String, volumeID: String, epoch: Int64, stage: String, work: String
    ) async throws {
        let early = GrubEarlyConfiguration(label: volumeID)
        let modules = options.xen == nil ? [] : LiveXenBoot.grubModules
        var esp = FATImageBuilder(
            volumeLabel: "ISOKIT_EFI", volumeID: UInt32(truncatingIfNeeded: epoch), unixTime: epoch)
        for architecture in options.architectures {
            if architecture.bootsFromBIOS {
                let grub = GrubImageBuilder(libraryDirectory: try await grubLibrary(for: architecture, options: options))
                try await grub.makeBIOSImage(
                    early: early, biosImage: "\(stage)/\(biosImagePath)", scratch: work, extraModules: modules)
            }
            // Secure Boot is one architecture alone (checked before): its signed loaders replace isokit's GRUB.
            if let secureBoot = options.secureBoot {
                let loaders = try await LiveSecureBoot.loaders(secureBoot, for: architecture, cache: options.cache)
                try LiveSecureBoot.stage(loaders, label: volumeID, esp: &esp, stage: stage)
                continue
            }
            let grub = GrubImageBuilder(libraryDirectory: try await grubLibrary(for: architecture, options: options))
            let loader = "\(stage)/\(architecture.efiLoaderPath)"
            try await grub.makeEFIImage(for: architecture, early: early, efiImage: loader, scratch: work, extraModules: modules)
            try esp.addFile(architecture.efiLoaderPath, hostPath: loader)
        }
        try await BlockingWork.run { [esp] in try esp.write(to: "\(stage)/\(espImagePath)") }
        try Data(menu.utf8).write(to: URL(fileURLWithPath: "\(stage)/boot/grub/grub.cfg"))
    }
}
