import ArgumentParser
import BinaryIO
import BootConfig
import ISO9660
import Xen

/// `isokit xen guest`: kernel, initrd and xl.cfg for booting a live ISO as a Xen guest.
struct XenGuestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guest",
        abstract: "Write an xl.cfg (and the kernel and initrd it boots) that runs a live ISO as a Xen PV/PVH guest.",
        discussion: """
            Example: isokit xen guest rescue.iso -o guests/ --count 3 --ip-start 10.0.0.10 --vif 'bridge=${br}' -D br=xenbr0
            The ISO is attached read-only as the guest's CD at xvdc; the command line gets console=hvc0 and the \
            family's medium parameter. ${key} in --name, --vif, --disk and --extra takes -D, --defaults, ${index} \
            and ${ip} values. xl is never run.
            """)

    @Argument(help: ArgumentHelp("The live ISO.", valueName: "image")) var image: String
    @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write into.", valueName: "dir")) var output: String
    @Option(help: ArgumentHelp("The domain name (default: the image's name).", valueName: "name")) var name: String?
    @Option(help: ArgumentHelp("Memory in MiB.", valueName: "MiB")) var memory = 1024
    @Option(help: ArgumentHelp("Virtual CPUs.", valueName: "n")) var vcpus = 1
    @Option(help: ArgumentHelp("An xl network interface, e.g. bridge=xenbr0; repeatable.", valueName: "spec")) var vif: [String] = []
    @Option(help: ArgumentHelp("An extra xl disk spec after the ISO; repeatable.", valueName: "spec")) var disk: [String] = []
    @Option(help: ArgumentHelp("Kernel parameters to append.", valueName: "params")) var extra: String?
    @Option(help: ArgumentHelp("The guest type: pv or pvh.", valueName: "type")) var type: XenGuestType = .pv
    @Option(help: ArgumentHelp("How the kernel is loaded: direct or pvgrub2.", valueName: "method")) var boot: XenBootMethod = .direct
    @Option(help: ArgumentHelp("The menu entry: its position from 0, or its title.", valueName: "N|title")) var entry: String?
    @Option(name: .customShort("D"), help: ArgumentHelp("Define ${key} (key=value[,key=value]); repeatable.", valueName: "key=value"))
    var define: [String] = []
    @Option(help: ArgumentHelp("A TOML file of default variables (key = value).", valueName: "file")) var defaults: String?
    @Option(help: ArgumentHelp("How many guests (NAME-1 … NAME-N).", valueName: "n")) var count = 1
    @Option(help: ArgumentHelp("The first guest's IPv4 address; the others count on.", valueName: "A.B.C.D")) var ipStart: String?
    @Option(help: ArgumentHelp("The netmask in static ip= parameters.", valueName: "A.B.C.D")) var netmask = "255.255.255.0"
    @Option(help: ArgumentHelp("The gateway in static ip= parameters.", valueName: "A.B.C.D")) var gateway: String?
    @Flag(help: "Boot a copy of the image whose live root logs in on the Xen console (hvc0), written into the directory.")
    var hvc0 = false
    @Flag(help: "Print what would be written; write nothing.") var dryRun = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1.") }
        if memory < 32 { throw ValidationError("--memory must be at least 32 (MiB).") }
        if vcpus < 1 { throw ValidationError("--vcpus must be at least 1.") }
        for (flag, value) in [("--ip-start", ipStart), ("--netmask", netmask), ("--gateway", gateway)] {
            if let value, IPv4Address(value) == nil { throw ValidationError("\(flag) \(value) is not an IPv4 address.") }
        }
        if gateway != nil && ipStart == nil { throw ValidationError("--gateway needs --ip-start.") }
        if let extra, extra.split(separator: " ").contains(where: { $0.hasPrefix("console=") }) {
            throw ValidationError("--extra must not set console=; the guest's console is hvc0.")
        }
    }

    func run() async throws {
        try await Failure.runAsync {
            var variables = try defaults.map(XenVariables.load(defaults:)) ?? [:]
            variables.merge(try XenVariables.parse(definitions: define)) { _, new in new }
            let options = XenGuestOptions(
                outputDirectory: output, name: name, memoryMiB: memory, vcpus: vcpus, vifs: vif, disks: disk,
                extraParameters: extra.map { $0.split(separator: " ").map(String.init) } ?? [], type: type, boot: boot,
                entry: entry.map { Int($0).map(BootEntrySelector.index) ?? .title($0) }, variables: variables,
                count: count, ipStart: ipStart.flatMap(IPv4Address.init), netmask: IPv4Address(netmask) ?? IPv4Address(rawValue: 0xFFFF_FF00),
                gateway: gateway.flatMap(IPv4Address.init))
            var bootImage = image
            if hvc0, !dryRun {
                // A whole remaster: off Swift's cooperative threads.
                let (source, directory) = (image, output)
                let prepared = try await BlockingWork.run { try XenConsoleImage.prepare(image: source, directory: directory) }
                bootImage = prepared.image
                if !global.quiet, !format.json { Terminal.error("isokit: note: \(prepared.note)") }
            }
            let iso = try ISOImage(path: bootImage)
            let plan = try XenGuestPlanner.plan(image: iso, options: options)
            if dryRun {
                return format.json ? try Terminal.json(plan) : print(plan.dryRunText, terminator: "")
            }
            let written = try await XenGuestWriter.write(plan, image: iso)
            if format.json { return try Terminal.json(plan) }
            if !global.quiet {
                for note in plan.notes { Terminal.error("isokit: note: \(note)") }
                for file in written { print(file) }
                Terminal.error("Xen is not running here; on a Xen host start a guest with: xl create \(plan.guests[0].configPath)")
            }
        }
    }
}

extension XenGuestType: ExpressibleByArgument {}
extension XenBootMethod: ExpressibleByArgument {}
