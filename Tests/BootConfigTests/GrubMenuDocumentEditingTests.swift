import BootConfig
import Foundation
import TestSupport
import Testing

@Suite("GRUB menu editors")
struct GrubMenuDocumentEditingTests {
    /// Applies `edit` to `text` and returns the result with the lines it changed.
    static func edited(
        _ text: String, _ edit: (inout GrubMenuDocument) throws -> Void
    ) throws -> (document: GrubMenuDocument, changes: LineChanges) {
        var document = try GrubMenuDocument(text: text)
        try edit(&document)
        return (document, LineChanges(from: text, to: document.render()))
    }

    @Test("appending parameters changes every linux line and nothing else")
    func appendEverywhere() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.debianGrub) { try $0.appendParameters(["console=hvc0", "a b"]) }
        let linuxLines = BootMenuFixtures.debianGrub.split(separator: "\n").map(String.init).filter { $0.contains("linux\t") }
        #expect(changes == LineChanges(removed: linuxLines, inserted: linuxLines.map { $0 + " console=hvc0 'a b'" }))
        #expect(document.bootEntries().filter { !$0.kernel.isEmpty }.allSatisfy { $0.parameters.suffix(2) == ["console=hvc0", "a b"] })
    }

    @Test("appending to one entry, chosen by title inside a submenu")
    func appendOne() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.debianGrub) {
            try $0.appendParameters(["quiet"], to: .title("Live system (amd64, serial console)"))
        }
        #expect(changes == LineChanges(
            removed: ["\t\tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components console=ttyS0,115200n8"],
            inserted: ["\t\tlinux\t/live/vmlinuz-6.1.0-18-amd64 boot=live components console=ttyS0,115200n8 quiet"]))
        #expect(document.bootEntries()[3].parameters.last == "quiet")
    }

    @Test("Xen entries get the parameters on the dom0 module2 line; one-line blocks too")
    func appendXen() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.xenGrub) { try $0.appendParameters(["earlyprintk=xen"]) }
        #expect(changes.removed == [
            "\tmodule2 /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN console=hvc0",
            "\tmodule2 /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN console=hvc0",
            "menuentry 'Linux' { linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN ; initrd /boot/x86_64/initrd.img ; }",
        ])
        #expect(changes.inserted.last == "menuentry 'Linux' { linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN earlyprintk=xen ; initrd /boot/x86_64/initrd.img ; }")
        #expect(document.bootEntries().map { $0.parameters.last } == ["earlyprintk=xen", "earlyprintk=xen", "earlyprintk=xen"])
        #expect(document.items[0].multiboot?.parameters == ["dom0_mem=1024M,max:1024M", "loglvl=all"])
    }

    @Test("removing an exact word or every key= word, with the space before it")
    func remove() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.systemRescueGrub) {
            try $0.removeParameter("console=")
            try $0.removeParameter("iomem=relaxed")
        }
        #expect(changes.removed.count == 3)
        #expect(changes.inserted == [
            "        linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100",
            "        linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100 copytoram",
            "        linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1100",
        ])
        #expect(document.items[2].kernel?.parameters == ["archisobasedir=sysresccd", "archisolabel=RESCUE1100"])
    }

    @Test("removing from one entry leaves the others")
    func removeOne() throws {
        let (_, changes) = try Self.edited(BootMenuFixtures.casperGrub) { try $0.removeParameter("splash", from: .index(1)) }
        #expect(changes == LineChanges(
            removed: ["\tlinux\t/casper/vmlinuz  boot=casper nomodeset file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---"],
            inserted: ["\tlinux\t/casper/vmlinuz  boot=casper nomodeset file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet ---"]))
    }

    @Test("the default by index inside a submenu edits the existing set default")
    func defaultByIndex() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.debianGrub) { try $0.setDefault(.index(3)) }
        #expect(changes == LineChanges(removed: ["set timeout=30 ; set default=0"], inserted: ["set timeout=30 ; set default='2>1'"]))
        #expect(document.defaultEntry()?.title == "Live system (amd64, serial console)")
    }

    @Test("the default by title is inserted at the top when the file has none")
    func defaultInserted() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.casperGrub) { try $0.setDefault(.title("Ubuntu (safe graphics)")) }
        #expect(changes == LineChanges(removed: [], inserted: ["set default='Ubuntu (safe graphics)'"]))
        #expect(document.render().hasPrefix("set default='Ubuntu (safe graphics)'\nset timeout=30\n"))
        #expect(document.defaultEntry()?.title == "Ubuntu (safe graphics)")
    }

    @Test("a default that only a variable sets is replaced; an id selects too")
    func defaultOverVariable() throws {
        let (document, changes) = try Self.edited(BootMenuFixtures.xenGrub) { try $0.setDefault(.title("xen-default")) }
        #expect(changes == LineChanges(removed: [#"   set default="${saved_entry}""#], inserted: ["   set default=xen-default"]))
        #expect(document.defaultEntry()?.title == "Xen")
    }

    @Test("the timeout is edited in place, or inserted")
    func timeout() throws {
        let (_, edited) = try Self.edited(BootMenuFixtures.systemRescueGrub) { try $0.setTimeout(seconds: 5) }
        #expect(edited == LineChanges(removed: ["set timeout=30"], inserted: ["set timeout=5"]))
        let (document, inserted) = try Self.edited(BootMenuFixtures.systemRescueLoopback) { try $0.setTimeout(seconds: 0) }
        #expect(inserted == LineChanges(removed: [], inserted: ["set timeout=0"]))
        #expect(document.timeoutValue == "0")
    }

    @Test("appending goes before a trailing comment; a title holding > is written as its index")
    func commentAndArrow() throws {
        let text = "menuentry 'a' { true }\nmenuentry 'x > y' {\n  linux /k a=1 # keep\n}\n"
        let (document, changes) = try Self.edited(text) {
            try $0.appendParameters(["b=2"])
            try $0.setDefault(.title("x > y"))
        }
        #expect(changes == LineChanges(removed: ["  linux /k a=1 # keep"], inserted: ["set default=1", "  linux /k a=1 b=2 # keep"]))
        #expect(document.defaultEntry()?.title == "x > y")
    }

    @Test("an unknown entry or timeout is refused and the document is unchanged")
    func refused() throws {
        var document = try GrubMenuDocument(text: BootMenuFixtures.debianGrub)
        #expect(throws: BootConfigError.noSuchEntry(.index(4), available: 4)) { try document.setDefault(.index(4)) }
        #expect(throws: BootConfigError.noSuchEntry(.title("Windows"), available: 4)) {
            try document.appendParameters(["x"], to: .title("Windows"))
        }
        #expect(throws: BootConfigError.invalidValue(field: "timeout", value: "-2", reason: "GRUB takes -1 (wait) or more seconds")) {
            try document.setTimeout(seconds: -2)
        }
        #expect(document.render() == BootMenuFixtures.debianGrub)
    }
}

@Suite("GRUB menu editors against grub-script-check", .oracles("grub-script-check"))
struct GrubMenuDocumentEditingOracleTests {
    @Test("grub-script-check accepts every edited fixture", arguments: GrubMenuDocumentTests.fixtures.map(\.name))
    func edited(name: String) async throws {
        let text = try #require(GrubMenuDocumentTests.fixtures.first { $0.name == name }?.text)
        var document = try GrubMenuDocument(text: text)
        try document.appendParameters(["console=hvc0", "it's", "${x}", "a;b"])
        try document.removeParameter("quiet")
        try document.setDefault(.index(document.flattenedEntries.count - 1))
        try document.setTimeout(seconds: 7)
        #expect(document.bootEntries().filter { !$0.kernel.isEmpty }.allSatisfy { $0.parameters.suffix(4) == ["console=hvc0", "it's", "${x}", "a;b"] })
        try await withTemporaryDirectory { directory in
            try FileTree.write(["grub.cfg": .text(document.render())], under: directory)
            try await Tool.run("grub-script-check", [directory + "/grub.cfg"])
        }
    }
}
