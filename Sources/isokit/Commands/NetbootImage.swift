import ArgumentParser
import BootConfig
import Netboot

/// `isokit netboot image`: an iPXE boot image with an embedded script, and GRUB's network loader for UEFI.
struct NetbootImage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Write a boot image (hybrid ISO, disk image or EFI program) that netboots with fixed settings or DHCP.",
        discussion: """
            Example: isokit netboot image --chain http://192.0.2.1:8080/boot.ipxe --ip 192.0.2.10 \
            --netmask 255.255.255.0 --gateway 192.0.2.1 -o netboot.iso

            BIOS runs iPXE (Debian's ipxe.lkrn) with the script. UEFI runs GRUB's network loader, which fetches a GRUB \
            menu: --grub-menu URL, or NAME.grub beside an http://…/NAME.ipxe chain URL (netboot serve and export offer \
            /boot.grub); Debian's ipxe.efi can't run an embedded script. Without a GRUB menu a .iso/.img is BIOS only \
            and .efi is refused. Built from Debian's packages (ipxe, grub-pc-bin, grub-efi-amd64-bin); nothing is \
            compiled. Without --ip the script runs dhcp before chain.
            """)

    @Option(help: ArgumentHelp("An iPXE script file to embed (starts with #!ipxe).", valueName: "file"))
    var script: String?

    @Option(help: ArgumentHelp("Embed a script that chains to this URL.", valueName: "url"))
    var chain: String?

    @Option(help: ArgumentHelp("The GRUB menu UEFI machines run (http only).", valueName: "url"))
    var grubMenu: String?

    @Option(help: ArgumentHelp("A static IPv4 address for net0 (no DHCP).", valueName: "address"))
    var ip: String?

    @Option(help: ArgumentHelp("The netmask for --ip.", valueName: "mask"))
    var netmask: String?

    @Option(help: ArgumentHelp("The default gateway for --ip.", valueName: "address"))
    var gateway: String?

    @Option(help: ArgumentHelp("The DNS server for --ip.", valueName: "address"))
    var dns: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the image here (.iso, .img or .efi).", valueName: "path"))
    var output: String

    @OptionGroup var format: OutputOptions

    func validate() throws {
        guard (script == nil) != (chain == nil) else { throw ValidationError("give either --script FILE or --chain URL") }
        guard (ip == nil) == (netmask == nil) else { throw ValidationError("--ip and --netmask go together") }
        if ip == nil, gateway != nil || dns != nil { throw ValidationError("--gateway and --dns need --ip and --netmask") }
        do {
            _ = try NetbootImageFormat(outputPath: output)
            _ = try network?.configurationLines()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The static settings, if `--ip` was given.
    private var network: IPXEStaticNetwork? {
        guard let ip, let netmask else { return nil }
        return IPXEStaticNetwork(address: ip, netmask: netmask, gateway: gateway, dns: dns)
    }

    func run() async throws {
        try await Failure.runAsync {
            let source: NetbootImageScript = chain.map { .chain(url: $0) } ?? .file(path: script ?? "")
            let report = try await NetbootImageBuilder.build(
                NetbootImageOptions(script: source, network: network, output: output, grubMenuURL: grubMenu))
            if format.json { return try Terminal.json(report) }
            print("\(report.output): \(report.format.rawValue), \(report.bytes) bytes")
            print(report.uefiMenuURL.map { "UEFI: GRUB runs \($0)" } ?? "UEFI: no (no GRUB menu URL)")
            if let script = report.script { print("BIOS: iPXE runs:\n" + script, terminator: "") }
        }
    }
}
