import BinaryIO
import BootConfig
import Foundation
import ISO9660
import LiveSystem

/// Plans Xen guests that boot a live ISO: picks the menu entry, finds its kernel and initrd in the image, builds the
/// command line and each guest's xl.cfg. Reads only directories and menu files; writes nothing.
public enum XenGuestPlanner {
    /// Plans the guests for `image`.
    /// - Parameters:
    ///   - image: The live ISO.
    ///   - options: What was asked for.
    /// - Returns: The plan; each guest's ``XenGuest/xlConfig`` passes ``XLConfig/validate()``.
    /// - Throws: ``XenError/noBootEntry(image:menus:)``, ``XenError/noSuchEntry(_:available:)``,
    ///   ``XenError/noInitrd(entry:menu:)``, ``XenError/fileNotInImage(path:entry:)``,
    ///   ``XenError/unresolvedPath(path:entry:)``, ``XenError/undefinedVariable(name:field:)``,
    ///   ``XenError/invalidOption(_:)``, ``XenError/badAddress(_:)``, ``XenError/invalidConfig(name:underlying:)``;
    ///   ``ImageError`` for a damaged image.
    public static func plan(image: ISOImage, options: XenGuestOptions) throws -> XenGuestPlan {
        try check(options)
        let layout: LiveLayout?
        do {
            layout = try LiveLayoutDetector.detect(image)
        } catch is LiveLayoutError {
            layout = nil
        }
        var notes: [String] = []
        if layout == nil { notes.append("unknown live family: no parameter tells the guest where its medium is") }
        let menus = try ImageMenus(image: image)
        let (entry, menu) = try menus.choose(options.entry, image: image.path)
        guard ImageMenus.bootsLinux(entry) else { throw XenError.noSuchEntry(options.entry ?? .index(0), available: [entry.title]) }
        let kernelSource = try resolve(entry.kernel, menu: menu, entry: entry.title, in: image)
        guard !entry.initrds.isEmpty else { throw XenError.noInitrd(entry: entry.title, menu: menu) }
        let initrdSources = try entry.initrds.map { try resolve($0, menu: menu, entry: entry.title, in: image) }
        let dropped = entry.parameters.filter(XenCommandLine.isDropped)
        if !dropped.isEmpty { notes.append("dropped from the entry's parameters: " + dropped.joined(separator: " ")) }

        let directory = absolute(options.outputDirectory)
        let stem = safeName(((image.path as NSString).lastPathComponent as NSString).deletingPathExtension)
        let direct = options.boot == .direct
        let kernel = directory + "/" + stem + (direct ? ".vmlinuz" : "." + XenGrubImage.platform(for: options.type) + ".bin")
        let ramdisk: String? = direct ? directory + "/" + stem + ".initrd" : nil
        let isoPath = absolute(image.path)
        var guests: [XenGuest] = []
        for index in 1...options.count {
            var variables = options.variables
            variables["index"] = String(index)
            var ip: IPv4Address?
            if let start = options.ipStart {
                guard let next = start.advanced(by: index - 1) else { throw XenError.badAddress("\(start) + \(index - 1)") }
                ip = next
                variables["ip"] = next.description
            }
            let substitutions = XenVariables(variables)
            let template = options.name ?? stem
            var name = try substitutions.substitute(template, field: "--name")
            if options.count > 1 && !template.contains("${index}") { name += "-\(index)" }
            var vifs = try options.vifs.map { try substitutions.substitute($0, field: "--vif") }
            if let ip {
                if vifs.isEmpty { vifs = ["ip=\(ip)"] } else if !vifs[0].contains("ip=") { vifs[0] += ",ip=\(ip)" }
            }
            let extraDisks = try options.disks.map { try substitutions.substitute($0, field: "--disk") }
            let extra = try options.extraParameters.map { try substitutions.substitute($0, field: "--extra") }
            let address = ip.map {
                XenCommandLine.addressParameter($0, netmask: options.netmask, gateway: options.gateway, family: layout?.family)
            }
            let parameters = XenCommandLine.parameters(
                entry: entry.parameters, family: layout?.family, baseDirectory: layout?.baseDirectory, address: address,
                extra: extra)
            let guest = XenGuest(
                name: name, type: options.type, kernel: kernel, ramdisk: ramdisk, cmdline: parameters.joined(separator: " "),
                memoryMiB: options.memoryMiB, vcpus: options.vcpus, ip: ip, vifs: vifs,
                disks: ["format=raw, vdev=xvdc, access=ro, devtype=cdrom, target=\(isoPath)"] + extraDisks,
                configPath: directory + "/" + name + ".cfg", boot: options.boot)
            do throws(XenConfigError) {
                try guest.xlConfig.validate()
            } catch {
                throw XenError.invalidConfig(name: name, underlying: error)
            }
            guests.append(guest)
        }
        let names = guests.map(\.name)
        guard Set(names).count == names.count else {
            throw XenError.invalidOption("guest names repeat (\(names.joined(separator: ", "))); use ${index} in --name")
        }
        var grubConfig: String?
        if !direct {
            guard Set(guests.map(\.cmdline)).count == 1 else {
                throw XenError.invalidOption("--boot pvgrub2 embeds one command line; per-guest addresses need --boot direct")
            }
            grubConfig = XenGrubImage.configuration(
                title: entry.title, kernel: kernelSource, initrds: initrdSources, cmdline: guests[0].cmdline)
        }
        return XenGuestPlan(
            image: isoPath, family: layout?.family, menu: menu, entry: entry, kernelSource: kernelSource,
            initrdSources: initrdSources, boot: options.boot, grubConfig: grubConfig, outputDirectory: directory,
            guests: guests, notes: notes)
    }

    static func check(_ options: XenGuestOptions) throws {
        guard options.memoryMiB >= 32 else { throw XenError.invalidOption("--memory \(options.memoryMiB): at least 32 MiB") }
        guard (1...512).contains(options.vcpus) else { throw XenError.invalidOption("--vcpus \(options.vcpus): 1 to 512") }
        guard (1...4096).contains(options.count) else { throw XenError.invalidOption("--count \(options.count): 1 to 4096") }
    }

    /// The image path of a menu's kernel or initrd path: a GRUB device prefix `(…)` is dropped; a relative
    /// (syslinux) path is looked up beside the menu, then at the root.
    static func resolve(_ path: String, menu: String, entry: String, in image: ISOImage) throws -> String {
        var text = path
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") { text = String(text[text.index(after: close)...]) }
        guard !text.contains("$") else { throw XenError.unresolvedPath(path: path, entry: entry) }
        let menuDirectory = (menu as NSString).deletingLastPathComponent
        let candidates = text.hasPrefix("/") ? [text] : [menuDirectory + "/" + text, "/" + text]
        for candidate in candidates {
            let normalized = normalizedPath(candidate)
            do {
                var found = try image.entry(at: normalized)
                // Rock Ridge symbolic links (`/live/vmlinuz` → `vmlinuz-6.1.0-18-amd64`), a few hops at most.
                for _ in 0..<8 where found.kind == .symlink {
                    guard let target = found.symlinkTarget else { break }
                    let base = target.hasPrefix("/") ? "" : (found.path as NSString).deletingLastPathComponent
                    found = try image.entry(at: normalizedPath(base + "/" + target))
                }
                if found.kind == .regular { return found.path }
            } catch let error as ImageError {
                switch error.underlying {
                case ISO9660Error.notFound, ISO9660Error.notADirectory: continue
                default: throw error
                }
            }
        }
        throw XenError.fileNotInImage(path: path, entry: entry)
    }

    /// An image path with `.`, `..` and repeated slashes resolved; `..` never climbs above the root.
    static func normalizedPath(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// An absolute, standardised form of a host path.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// A file and domain name made of letters, digits, `.`, `_` and `-` only.
    static func safeName(_ text: String) -> String {
        let mapped = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        return mapped.isEmpty || mapped.hasPrefix(".") ? "guest" + mapped : mapped
    }
}
