import BinaryIO
import BootConfig
import Foundation
import SystemPackage

/// Legacy PV-GRUB for a guest's own disk: a `/boot/grub/menu.lst` with one entry per installed kernel, a
/// `device.map`, and the two xl.cfg lines that start PV-GRUB on it.
///
/// The menu carries `# kopt=` and `# groot=` inside Debian's automagic kernel list, so a guest running grub-legacy's
/// `update-grub` adds later kernels with the same root device and `console=hvc0`.
///
/// PV-GRUB (Xen's port of GRUB Legacy, `pv-grub-x86_64.gz`) reads the menu named by xl's `extra`, in GRUB Legacy
/// notation: `(hd0,0)/boot/grub/menu.lst` for the first partition of the first disk, `(hd0)/boot/grub/menu.lst`
/// for a disk without a partition table. Each entry's `root` names the same device.
public struct XenMenuList: Hashable, Sendable, Codable {
    /// The menu.lst to write.
    public var menu: PVGrubMenu
    /// The device.map to write.
    public var deviceMap: GrubDeviceMap
    /// Where menu.lst goes (host path).
    public var menuPath: String
    /// Where device.map goes (host path).
    public var deviceMapPath: String
    /// xl.cfg `kernel`: PV-GRUB's path on the Xen host.
    public var kernel: String
    /// xl.cfg `extra`: the menu in GRUB Legacy notation, `(hd0,0)/boot/grub/menu.lst`.
    public var extra: String

    /// The xl.cfg settings that boot the menu: `kernel` and `extra`.
    public var xlSettings: XLConfig {
        var xl = XLConfig()
        xl["kernel"] = .string(kernel)
        xl["extra"] = .string(extra)
        return xl
    }

    /// Where Xen installs PV-GRUB when built with stubdoms (Debian does not package it).
    public static let pvGrubImage = "/usr/lib/xen/boot/pv-grub-x86_64.gz"

    /// Plans the menu for the kernels in `bootDirectory`: each `vmlinuz-VERSION` with an `initrd.img-VERSION` (or
    /// `initramfs-VERSION.img`) beside it, newest version first and default.
    /// - Parameters:
    ///   - bootDirectory: The guest's `/boot` (on the host, e.g. a mounted guest disk).
    ///   - rootDevice: The guest's root file system device, which holds `/boot`: `/dev/xvda1` → `(hd0,0)`,
    ///     `/dev/xvda` → `(hd0)`.
    ///   - parameters: Kernel parameters after `root=DEVICE ro console=hvc0`.
    ///   - timeoutSeconds: The menu's timeout.
    ///   - pvGrub: PV-GRUB's path on the Xen host.
    /// - Throws: ``XenError/noKernels(directory:)``; ``XenError/invalidOption(_:)`` for a device name isokit can't map.
    public static func plan(
        bootDirectory: String, rootDevice: String = "/dev/xvda1", parameters: [String] = [], timeoutSeconds: Int = 5,
        pvGrub: String = XenMenuList.pvGrubImage
    ) throws -> XenMenuList {
        let (disk, root) = try grubNames(for: rootDevice)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: bootDirectory)) ?? []
        var kernels: [(version: String, initrd: String)] = []
        for name in names where name.hasPrefix("vmlinuz-") {
            let version = String(name.dropFirst("vmlinuz-".count))
            if let initrd = ["initrd.img-\(version)", "initramfs-\(version).img"].first(where: names.contains) {
                kernels.append((version, initrd))
            }
        }
        guard !kernels.isEmpty else { throw XenError.noKernels(directory: bootDirectory) }
        kernels.sort { first, second in
            let (a, b) = (versionKey(first.version), versionKey(second.version))
            return a == b ? first.version > second.version : b.lexicographicallyPrecedes(a)
        }
        let entries = kernels.map { kernel in
            PVGrubMenuEntry(
                title: "Linux \(kernel.version)", root: root, kernel: "/boot/vmlinuz-\(kernel.version)",
                parameters: ["root=\(rootDevice)", "ro", "console=hvc0"] + parameters, initrd: "/boot/\(kernel.initrd)")
        }
        let directory = bootDirectory.hasSuffix("/") ? String(bootDirectory.dropLast()) : bootDirectory
        return XenMenuList(
            menu: PVGrubMenu(
                defaultIndex: 0, timeoutSeconds: timeoutSeconds, entries: entries,
                kernelOptions: (["root=\(rootDevice)", "ro", "console=hvc0"] + parameters).joined(separator: " "),
                grubRoot: root),
            deviceMap: GrubDeviceMap(mappings: [.init(drive: disk, device: diskDevice(of: rootDevice))]),
            menuPath: directory + "/grub/menu.lst", deviceMapPath: directory + "/grub/device.map", kernel: pvGrub,
            extra: root + "/boot/grub/menu.lst")
    }

    /// Writes menu.lst and device.map (creating `grub/`), each atomically, after checking that menu.lst reads back.
    /// - Returns: The two paths.
    /// - Throws: ``IOError``; ``XenError/invalidConfig(name:underlying:)`` if the menu does not read back the same.
    @discardableResult
    public func write() throws -> [String] {
        let text = menu.render()
        do throws(XenConfigError) {
            guard try PVGrubMenu(text: text) == menu else {
                throw XenConfigError.invalidValue(key: "menu.lst", value: menuPath, reason: "does not read back the same")
            }
        } catch {
            throw XenError.invalidConfig(name: "menu.lst", underlying: error)
        }
        let grubDirectory = (menuPath as NSString).deletingLastPathComponent
        if mkdir(grubDirectory, 0o755) != 0, errno != EEXIST {
            throw IOError("create directory", path: grubDirectory, errno: Errno(rawValue: errno))
        }
        for (path, content) in [(menuPath, text), (deviceMapPath, deviceMap.render())] {
            try AtomicFile.write(to: path) { descriptor, temporary in
                try FileCopier.write(Array(content.utf8), to: descriptor, at: 0, path: temporary)
            }
        }
        return [menuPath, deviceMapPath]
    }

    /// GRUB Legacy names for a Linux device: `/dev/xvdb2` → `(hd1)` and `(hd1,1)`; a whole disk → its drive twice.
    static func grubNames(for device: String) throws -> (disk: String, root: String) {
        let name = (device as NSString).lastPathComponent
        let prefixes = ["xvd", "sd", "hd", "vd"]
        guard let prefix = prefixes.first(where: name.hasPrefix) else {
            throw XenError.invalidOption("--root-device \(device): expected /dev/xvdXN (or sdXN, hdXN, vdXN)")
        }
        let rest = name.dropFirst(prefix.count)
        guard let letter = rest.first, let ascii = letter.asciiValue, ("a"..."z").contains(letter) else {
            throw XenError.invalidOption("--root-device \(device): no disk letter")
        }
        let drive = "(hd\(ascii - 97))"
        let partition = rest.dropFirst()
        if partition.isEmpty { return (drive, drive) }
        guard let number = Int(partition), (1...128).contains(number) else {
            throw XenError.invalidOption("--root-device \(device): bad partition number")
        }
        return (drive, "(hd\(ascii - 97),\(number - 1))")
    }

    /// The whole disk a partition device belongs to (`/dev/xvda1` → `/dev/xvda`).
    static func diskDevice(of device: String) -> String {
        var text = device
        while let last = text.last, last.isNumber { text.removeLast() }
        return text
    }

    /// A sort key for kernel versions: numeric runs compare as numbers.
    static func versionKey(_ version: String) -> [Int] {
        version.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }
}
