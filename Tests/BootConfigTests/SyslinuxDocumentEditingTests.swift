import BootConfig
import Foundation
import TestSupport
import Testing

@Suite("syslinux editors")
struct SyslinuxDocumentEditingTests {
    /// Applies `edit` to `text` and returns the result with the lines it changed.
    static func edited(
        _ text: String, _ edit: (inout SyslinuxDocument) throws -> Void
    ) throws -> (document: SyslinuxDocument, changes: LineChanges) {
        var document = SyslinuxDocument(text: text)
        try edit(&document)
        return (document, LineChanges(from: text, to: document.render()))
    }

    @Test("appending changes the APPEND lines of Linux labels only")
    func append() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.systemRescueSyslinux) { try $0.appendParameters(["console=hvc0"]) }
        #expect(changes == LineChanges(
            removed: [
                "APPEND archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed",
                "APPEND archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed copytoram",
            ],
            inserted: [
                "APPEND archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed console=hvc0",
                "APPEND archisobasedir=sysresccd archisolabel=RESCUE1100 iomem=relaxed copytoram console=hvc0",
                "APPEND console=hvc0", "",
            ]))
        #expect(document.render().hasSuffix("LINUX boot/x86_64/memtest\nAPPEND console=hvc0\n"))
        #expect(document.labels.allSatisfy { $0.parameters.last == "console=hvc0" })
    }

    @Test("a label without APPEND gets one with the global words, in the file's case, indentation and line ends")
    func appendInherited() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.plainSyslinux) { try $0.appendParameters(["x=1"], to: .title("rescue")) }
        #expect(changes == LineChanges(removed: [], inserted: ["  APPEND console=ttyS0 quiet x=1\r"]))
        #expect(document.labels[0].parameters == ["console=ttyS0", "quiet", "x=1"])
        #expect(document.labels[1].parameters == ["debug", "loglevel=7"])
        let (lower, _) = try Self.edited(BootMenuFixtures.casperTxt) { try $0.appendParameters(["x=1"], to: .index(1)) }
        #expect(lower.render().contains("  kernel /install/mt86plus\n  append x=1\nlabel hd\n"))
        #expect(throws: BootConfigError.noSuchEntry(.index(3), available: 3)) {
            var document = SyslinuxDocument(text: BootMenuFixtures.casperTxt)
            try document.appendParameters(["x"], to: .index(3))
        }
    }

    @Test("removing a word keeps the other words' spacing, including initrd=")
    func remove() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.casperTxt) {
            try $0.removeParameter("file=")
            try $0.removeParameter("splash")
        }
        #expect(changes == LineChanges(
            removed: ["  append  file=/cdrom/preseed/ubuntu.seed boot=casper initrd=/casper/initrd quiet splash ---"],
            inserted: ["  append  boot=casper initrd=/casper/initrd quiet ---"]))
        #expect(document.defaultEntry()?.initrds == ["/casper/initrd"])
        let (plain, plainChanges) = try Self.edited(BootMenuFixtures.plainSyslinux) { try $0.removeParameter("quiet") }
        #expect(plainChanges == LineChanges(removed: ["APPEND console=ttyS0 quiet\r"], inserted: ["APPEND console=ttyS0\r"]))
        #expect(plain.labels[0].parameters == ["console=ttyS0"])
        let (_, doubled) = try Self.edited("LABEL a\nKERNEL /k\nAPPEND x   x y\tx\n") { try $0.removeParameter("x") }
        #expect(doubled == LineChanges(removed: ["APPEND x   x y\tx"], inserted: ["APPEND y"]))
    }

    @Test("with a menu, MENU DEFAULT moves to the chosen label")
    func menuDefault() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.debianLive) { try $0.setDefault(.title("Live system (amd64 fail-safe mode)")) }
        #expect(changes == LineChanges(removed: ["\tmenu default"], inserted: ["\tmenu default"]))
        #expect(document.defaultEntry()?.id == "live-amd64-failsafe")
        #expect(document.labels.map(\.isMenuDefault) == [false, true])
    }

    @Test("without a menu, DEFAULT is edited, or inserted; ONTIMEOUT follows")
    func plainDefault() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.casperTxt) { try $0.setDefault(.title("memtest")) }
        #expect(changes == LineChanges(removed: ["default live"], inserted: ["default memtest"]))
        #expect(document.defaultEntry()?.id == "memtest")
        let (inserted, insertedChanges) = try Self.edited(BootMenuFixtures.systemRescueSyslinux) { try $0.setDefault(.index(1)) }
        #expect(insertedChanges == LineChanges(removed: [], inserted: ["DEFAULT sysresccd_copytoram"]))
        #expect(inserted.defaultEntry()?.id == "sysresccd_copytoram")
        let (head, headChanges) = try Self.edited(BootMenuFixtures.systemRescueSyslinuxHead + BootMenuFixtures.systemRescueSyslinux) {
            try $0.setDefault(.index(2))
        }
        #expect(headChanges == LineChanges(removed: ["ONTIMEOUT sysresccd"], inserted: ["ONTIMEOUT memtest", "MENU DEFAULT"]))
        #expect(head.defaultEntry()?.id == "memtest")
    }

    @Test("TIMEOUT is edited in place or inserted, in tenths of a second")
    func timeout() throws {
        let (_, edited) = try Self.edited(BootMenuFixtures.debianIsolinux) { try $0.setTimeout(tenthsOfSecond: 50) }
        #expect(edited == LineChanges(removed: ["timeout 0"], inserted: ["timeout 50"]))
        let (document, inserted) = try Self.edited(BootMenuFixtures.debianLive) { try $0.setTimeout(tenthsOfSecond: 1) }
        #expect(inserted == LineChanges(removed: [], inserted: ["timeout 1"]))
        #expect(document.timeoutValue == "1")
        var plain = SyslinuxDocument(text: BootMenuFixtures.plainSyslinux)
        #expect(throws: BootConfigError.invalidValue(field: "TIMEOUT", value: "35997", reason: "syslinux takes 0…35996 tenths of a second")) {
            try plain.setTimeout(tenthsOfSecond: 35997)
        }
        try plain.setTimeout(tenthsOfSecond: 0)
        #expect(LineChanges(from: BootMenuFixtures.plainSyslinux, to: plain.render()) == LineChanges(removed: ["TIMEOUT 50\r"], inserted: ["TIMEOUT 0\r"]))
    }
}

@Suite(
    "syslinux editors against ISOLINUX", .boots, .oracles("xorriso"),
    .enabled(
        if: Oracle.required || FileManager.default.fileExists(atPath: "/usr/lib/ISOLINUX/isolinux.bin"),
        "needs isolinux and syslinux-common"))
struct SyslinuxDocumentIsolinuxTests {
    static let modules = "/usr/lib/syslinux/modules/bios"

    /// Boots a CD whose isolinux.cfg is `config` in QEMU (at most 60 s) and returns the run. Labels load kernels
    /// that don't exist, so ISOLINUX prints `Loading /NAME... failed` for the label it chose, then runs
    /// `ONERROR poweroff.c32` and QEMU exits; menu.c32 instead shows its menu again, so menu tests give the
    /// label to pick `COM32 poweroff.c32`.
    static func boot(_ config: String) async throws -> ToolResult {
        try await withTemporaryDirectory { directory in
            let tree = directory + "/tree"
            try FileTree.write(["isolinux/isolinux.cfg": .text(config)], under: tree)
            for file in ["ldlinux.c32", "poweroff.c32", "menu.c32", "libutil.c32", "libcom32.c32"] {
                try FileManager.default.copyItem(atPath: modules + "/" + file, toPath: tree + "/isolinux/" + file)
            }
            try FileManager.default.copyItem(atPath: "/usr/lib/ISOLINUX/isolinux.bin", toPath: tree + "/isolinux/isolinux.bin")
            let iso = directory + "/isolinux.iso"
            try await Tool.run(
                "xorriso",
                ["-as", "mkisofs", "-quiet", "-o", iso, "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat",
                 "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", tree],
                environment: Tool.reproducibleEnvironment)
            let result = try await Tool.runAllowingFailure(
                "timeout", ["60", "qemu-system-x86_64", "-nographic", "-no-reboot", "-m", "128", "-cdrom", iso, "-boot", "d"])
            return result
        }
    }

    static let base = """
        SERIAL 0 115200
        PROMPT 0
        TIMEOUT 600
        ONERROR poweroff.c32
        DEFAULT first
        LABEL first
          KERNEL /first-kernel
        LABEL second
          KERNEL /second-kernel
          APPEND quiet

        """

    @Test("ISOLINUX boots the label that DEFAULT names after an edit")
    func defaultLabel() async throws {
        var document = SyslinuxDocument(text: Self.base)
        try document.setDefault(.title("second"))
        try document.setTimeout(tenthsOfSecond: 1)
        let run = try await Self.boot(document.render())
        #expect(document.defaultEntry()?.kernel == "/second-kernel")
        #expect(run.stdout.contains("Loading /second-kernel"))
        #expect(!run.stdout.contains("/first-kernel"))
        #expect(run.status == 0, "QEMU did not power off: \(run.stdout.suffix(400))")
    }

    @Test("with menu.c32, ISOLINUX boots the label MENU DEFAULT moved to")
    func menuDefault() async throws {
        let menu = Self.base.replacingOccurrences(of: "DEFAULT first\n", with: "UI menu.c32\n")
            .replacingOccurrences(of: "/first-kernel\n", with: "/first-kernel\n  MENU DEFAULT\n")
            .replacingOccurrences(of: "KERNEL /second-kernel", with: "COM32 poweroff.c32")
        var document = SyslinuxDocument(text: menu)
        #expect(document.defaultEntry()?.id == "first")
        try document.setDefault(.index(1))
        try document.setTimeout(tenthsOfSecond: 1)
        #expect(document.defaultEntry()?.id == "second")
        let run = try await Self.boot(document.render())
        #expect(!run.stdout.contains("/first-kernel"))
        #expect(run.status == 0, "QEMU did not power off: \(run.stdout.suffix(400))")
    }
}
