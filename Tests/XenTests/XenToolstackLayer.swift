import Foundation
import LiveSystem
import TestSupport

/// A layer for the Xen live CD's dom0 with Xen 4.17's toolstack copied from the build host (xen-utils-4.17):
/// `xl`, `xenstored`, `xenconsoled`, `xen-init-dom0` and `xenstore-read`/`-write` with their shared libraries
/// (`ProgramClosure`), a busybox-sh `block` hotplug script, and an init that starts the daemons, runs `xl create` on a cfg and
/// reports what the guest prints on its console.
enum XenToolstackLayer {
    /// Xen's private programs directory in Debian.
    static let xenBin = "/usr/lib/xen-4.17/bin"
    /// The programs dom0 runs.
    static let programs = ["xl", "xenstored", "xenconsoled", "xen-init-dom0"].map { "\(xenBin)/\($0)" } + ["/usr/bin/xenstore"]
    /// Where the test init goes in the layer.
    static let initPath = "/sbin/isokit-xen-dom0-test"
    /// What dom0 prints before the guest's first console line that has the marker.
    static let reportPrefix = "isokit xen guest console:"

    /// Whether the host has the toolstack to copy.
    static var available: Bool { programs.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) } }

    /// libxl's default disk script is Debian's bash `block`; this one is for busybox sh and does what a
    /// read-only file or block device needs: a loop device for a file, then the device numbers for blkback.
    static let blockScript = #"""
        #!/bin/sh
        # libxl hotplug script for vbd backends (isokit test dom0): $1 is add or remove, XENBUS_PATH the backend.
        case "$1" in
        add)
        	target=$(xenstore-read "$XENBUS_PATH/params")
        	device=$target
        	if [ -f "$target" ]; then
        		device=$(losetup -f) && losetup -r "$device" "$target" || exit 1
        	fi
        	xenstore-write "$XENBUS_PATH/physical-device" "$(stat -L -c %t:%T "$device")"
        	xenstore-write "$XENBUS_PATH/physical-device-path" "$device"
        	xenstore-write "$XENBUS_PATH/hotplug-status" connected
        	;;
        remove)
        	device=$(xenstore-read "$XENBUS_PATH/physical-device-path" 2>/dev/null)
        	case "$device" in /dev/loop*) losetup -d "$device" ;; esac
        	;;
        esac
        exit 0

        """#

    /// The init of the test dom0: Xen's daemons, `xl create CONFIG`, then the guest console's marker line.
    static func initScript(config: String, guest: String, marker: String, waitSeconds: Int) -> String {
        """
        #!/bin/sh
        export PATH=/sbin:/usr/sbin:/bin:/usr/bin:\(xenBin) LD_LIBRARY_PATH=/lib/x86_64-linux-gnu
        say() { echo "isokit xen dom0: $* (uptime $(cut -d' ' -f1 /proc/uptime) s)"; }
        mkdir -p /dev/pts /run/xen /run/xenstored /var/run/xen /var/lib/xen /var/lib/xenstored /var/log/xen/console
        grep -q ' /dev/pts ' /proc/mounts || mount -t devpts devpts /dev/pts
        say "hypervisor $(cat /sys/hypervisor/type 2>/dev/null || echo none)"
        mount -t xenfs xenfs /proc/xen || say "cannot mount xenfs"
        xenstored --pid-file /run/xenstored.pid || say "xenstored failed"
        xen-init-dom0 >/dev/null || say "xen-init-dom0 failed"
        xenconsoled --log=guest --log-dir=/var/log/xen/console --pid-file=/run/xenconsoled.pid || say "xenconsoled failed"
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

    /// Writes the layer into `root`: the programs and their libraries at their host paths, `/etc/xen`, the
    /// hotplug script, the init, and `files` (host paths, copied to the same paths in the layer).
    static func stage(in root: String, initScript: String, files: [String]) async throws {
        let manager = FileManager.default
        // libgcc_s is dlopen()ed by pthread_cancel, so no DT_NEEDED names it.
        let closure = try ProgramClosure().resolve(programs + ["/lib/x86_64-linux-gnu/libgcc_s.so.1"])
        for (source, path) in closure.map({ ($0.hostPath, $0.targetPath) }) + files.map({ ($0, $0) }) {
            let target = root + path
            try manager.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // `cp -L` copies what a symlink points at: the layer has no /usr merge and no library links of its own.
            try await Tool.run("cp", ["-L", "--preserve=mode", source, target])
        }
        for name in ["xenstore-read", "xenstore-write", "xenstore-ls"] {
            try manager.createSymbolicLink(atPath: "\(root)/usr/bin/\(name)", withDestinationPath: "xenstore")
        }
        try FileTree.write([
            "etc/xen/xl.conf": .text("# isokit test dom0: xl's defaults\n"),
            "etc/xen/scripts/block": .text(blockScript, mode: 0o755),
            String(initPath.dropFirst()): .text(initScript, mode: 0o755),
        ], under: root)
    }
}
