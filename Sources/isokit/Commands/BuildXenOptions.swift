import ArgumentParser
import LiveSystem

/// The Xen live CD options of `isokit build`.
struct BuildXenOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Make a Xen live CD: GRUB boots Xen (multiboot2) with the live system as dom0, on Debian's generic kernel unless --kernel is given."))
    var xen = false

    @Option(help: ArgumentHelp(
        "The Xen hypervisor for --xen (default \(LiveXenOptions.defaultHypervisor)); implies --xen.", valueName: "path"))
    var xenHypervisor: String?

    @Option(help: ArgumentHelp(
        "Xen's command line for every Xen entry (default '\(LiveXenOptions.defaultOptions.joined(separator: " "))'); implies --xen.",
        valueName: "options"))
    var xenOptions: String?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "With --xen and the rescue default: put Xen's toolstack (xl, xenstored, xenconsoled from xen-utils-4.17) in dom0 and start it at boot."))
    var xenToolstack = true

    /// Turns on the Xen live CD in `options` when asked, over what a recipe's `[xen]` set.
    func apply(to options: inout LiveBuildOptions) {
        guard xen || xenHypervisor != nil || xenOptions != nil || options.xen != nil else { return }
        var settings = options.xen ?? LiveXenOptions()
        settings.hypervisor = xenHypervisor ?? settings.hypervisor
        if let xenOptions { settings.options = xenOptions.split(separator: " ").map(String.init) }
        if !xenToolstack { settings.toolstack = false }
        options.xen = settings
    }
}
