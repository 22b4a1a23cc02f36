import LiveSystem

/// One line per live build step, for the terminal.
enum BuildStepText {
    static func line(_ step: LiveBuildStep) -> String {
        switch step {
        case .debootstrap(let suite, let packages):
            "Debian \(suite) root" + (packages.isEmpty ? "" : " with " + packages.joined(separator: ", "))
                + " (debootstrap, cached)"
        case .kernel(let kernel): "kernel \(kernel.release) (\(kernel.origin.rawValue): \(kernel.image))"
        case .stagingRoot: "staging the rescue root"
        case .layer(let file, let source): "squashfs \(file) from \(source)"
        case .initramfs(let modules): "initramfs with \(modules) kernel modules"
        case .bootloader: "GRUB and the EFI system partition"
        case .image: "writing the image"
        }
    }
}
