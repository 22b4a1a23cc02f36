import ArgumentParser
import LiveSystem

/// The Secure Boot option of `isokit build`.
struct BuildSecureBootOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Boot UEFI with Secure Boot on: Debian's Microsoft-signed shim and signed GRUB (shim-signed, grub-efi-amd64-signed; for --arch aarch64 their arm64 packages, fetched into the cache) start a signed kernel; one architecture, not with --xen."))
    var secureBoot = false

    /// Turns on Secure Boot in `options` when asked; a recipe's `secure_boot = true` stays on.
    func apply(to options: inout LiveBuildOptions) {
        guard secureBoot, options.secureBoot == nil else { return }
        options.secureBoot = SecureBootOptions()
    }
}
