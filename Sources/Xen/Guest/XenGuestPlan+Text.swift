extension XenGuestPlan {
    /// The plan as `--dry-run` prints it: the entry, the files, then per guest its kernel, ramdisk, memory, vCPUs,
    /// address, network, block devices and command line. Says that nothing was written and no domain was created.
    public var dryRunText: String {
        var lines = [
            "image:   \(image) (\(family?.rawValue ?? "unknown family"))",
            "entry:   \"\(entry.title)\" from \(menu)",
        ]
        if boot == .direct {
            lines.append("kernel:  \(kernelSource) -> \(guests.first?.kernel ?? "")")
            lines.append("ramdisk: \(initrdSources.joined(separator: " + ")) -> \(guests.first?.ramdisk ?? "none")")
        } else {
            lines.append("kernel:  pvgrub2 \(guests.first?.kernel ?? "") (GRUB for Xen, built with grub-mkimage)")
            lines.append("         loads \(kernelSource) + \(initrdSources.joined(separator: " + ")) from the CD")
        }
        for guest in guests {
            lines.append("")
            lines.append("guest \(guest.name) (\(guest.type.rawValue)): \(guest.configPath)")
            lines.append("  memory:  \(guest.memoryMiB) MiB, vcpus: \(guest.vcpus)")
            lines.append("  ip:      \(guest.ip?.description ?? "DHCP")")
            lines.append("  vif:     " + (guest.vifs.isEmpty ? "none" : guest.vifs.joined(separator: " | ")))
            for (index, disk) in guest.disks.enumerated() {
                lines.append((index == 0 ? "  disk:    " : "           ") + disk)
            }
            lines.append("  cmdline: \(guest.cmdline)")
        }
        for note in notes { lines.append("note: \(note)") }
        lines.append("")
        lines.append("dry run: nothing written, no domain created")
        return lines.joined(separator: "\n") + "\n"
    }
}
