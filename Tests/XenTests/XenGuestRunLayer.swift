import Foundation
import TestSupport

@testable import LiveSystem

/// A layer for the Xen live CD's dom0 in the guest test: the guest's files and an init that starts the image's own
/// toolstack (`/lib/isokit/xen-dom0`, which `isokit build --xen` puts into a rescue dom0), runs `xl create` on a
/// cfg and reports what the guest prints on its console.
enum XenGuestRunLayer {
    /// Where the test init goes in the layer.
    static let initPath = "/sbin/isokit-xen-dom0-test"
    /// What dom0 prints before the guest's first console line that has the marker.
    static let reportPrefix = "isokit xen guest console:"

    /// Whether the host has the toolstack `isokit build --xen` copies.
    static var available: Bool {
        LiveXenBoot.toolstackPrograms.allSatisfy { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// The init of the test dom0: Xen's daemons, `xl create CONFIG`, then the guest console's marker line.
    static func initScript(config: String, guest: String, marker: String, waitSeconds: Int) -> String {
        """
        #!/bin/sh
        export PATH=/sbin:/usr/sbin:/bin:/usr/bin
        say() { echo "isokit xen dom0: $* (uptime $(cut -d' ' -f1 /proc/uptime) s)"; }
        mkdir -p /dev/pts
        grep -q ' /dev/pts ' /proc/mounts || mount -t devpts devpts /dev/pts
        say "hypervisor $(cat /sys/hypervisor/type 2>/dev/null || echo none)"
        /lib/isokit/xen-dom0 || say "the toolstack did not start"
        say "xl create \(config)"
        if xl create '\(config)' >/run/xl-create.log 2>&1; then say "xl create done"; else say "xl create failed"; cat /run/xl-create.log; fi
        xl list
        log=/var/log/xen/console/guest-\(guest).log
        i=0
        while [ $i -lt \(waitSeconds) ]; do
        	# The console log keeps the guest's carriage returns; the report line must not.
        	line=$(grep -m1 '\(marker)' "$log" 2>/dev/null | tr -d '\\r') && [ -n "$line" ] && break
        	sleep 1
        	i=$((i + 1))
        done
        [ -n "$line" ] && echo "\(reportPrefix) $line" && say "guest marker seen"
        echo "--- the guest's console (last lines) ---"
        tail -n 15 "$log" 2>/dev/null
        xl destroy '\(guest)' 2>/dev/null
        sync
        poweroff -f

        """
    }

    /// Writes the layer into `root`: the init, and `files` (host paths, copied to the same paths in the layer).
    static func stage(in root: String, initScript: String, files: [String]) async throws {
        for path in files {
            let target = root + path
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try await Tool.run("cp", ["--preserve=mode", path, target])
        }
        try FileTree.write([String(initPath.dropFirst()): .text(initScript, mode: 0o755)], under: root)
    }
}
