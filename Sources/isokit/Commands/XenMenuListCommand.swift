import ArgumentParser
import Xen

/// `isokit xen menu-lst`: a legacy PV-GRUB menu.lst and device.map for a guest's /boot.
struct XenMenuListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "menu-lst",
        abstract: "Write /boot/grub/menu.lst and device.map for legacy PV-GRUB and print the xl.cfg lines that use them.",
        discussion: """
            Example: isokit xen menu-lst /mnt/guest/boot --root-device /dev/xvda1
            One entry per vmlinuz-VERSION with an initrd.img-VERSION, newest first and default. The printed \
            kernel = and extra = lines go into the guest's xl.cfg (PV-GRUB reads the menu from the guest's disk).
            """)

    @Argument(help: ArgumentHelp("The guest's /boot directory.", valueName: "bootdir")) var bootDirectory: String
    @Option(help: ArgumentHelp("The guest's root device, which holds /boot.", valueName: "device")) var rootDevice = "/dev/xvda1"
    @Option(help: ArgumentHelp("Kernel parameters after root=… ro console=hvc0.", valueName: "params")) var parameters: String?
    @Option(help: ArgumentHelp("Seconds the menu waits.", valueName: "seconds")) var timeout = 5
    @Option(help: ArgumentHelp("PV-GRUB's path on the Xen host.", valueName: "path")) var pvGrub = XenMenuList.pvGrubImage
    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if timeout < 0 { throw ValidationError("--timeout must not be negative.") }
    }

    func run() async throws {
        try Failure.run {
            let list = try XenMenuList.plan(
                bootDirectory: bootDirectory, rootDevice: rootDevice,
                parameters: parameters.map { $0.split(separator: " ").map(String.init) } ?? [], timeoutSeconds: timeout,
                pvGrub: pvGrub)
            try list.write()
            if format.json { return try Terminal.json(list) }
            if !global.quiet { Terminal.error("wrote \(list.menuPath) (\(list.menu.entries.count) entries) and \(list.deviceMapPath)") }
            print(list.xlSettings.render(), terminator: "")
        }
    }
}
