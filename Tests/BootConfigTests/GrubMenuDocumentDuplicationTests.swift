import BootConfig
import Foundation
import TestSupport
import Testing

@Suite("GRUB entry duplication")
struct GrubMenuDocumentDuplicationTests {
    static let suffix = " (Xen console hvc0)"

    @Test("the default entry's copy follows it with the new title and console=hvc0; only new lines appear")
    func debian() throws {
        var document = try GrubMenuDocument(text: BootMenuFixtures.debianGrub)
        let before = document.bootEntries()
        let position = try document.duplicateEntry(.index(0), title: before[0].title + Self.suffix, appending: ["console=hvc0"])
        #expect(position == 1)
        let changes = LineChanges(from: BootMenuFixtures.debianGrub, to: document.render())
        #expect(changes.removed.isEmpty)
        #expect(changes.inserted.count == 4)
        #expect(changes.inserted.contains("menuentry 'Live system (amd64) (Xen console hvc0)' --hotkey=l {"))
        let after = document.bootEntries()
        #expect(after.count == before.count + 1)
        #expect(after[1].title == "Live system (amd64) (Xen console hvc0)")
        #expect(after[1].parameters == before[0].parameters + ["console=hvc0"])
        #expect(after[1].kernel == before[0].kernel && after[1].initrds == before[0].initrds)
        #expect(Array(after[2...]) == Array(before[1...]))
        #expect(document.defaultEntry()?.title == before[0].title, "the original stays the default")
    }

    @Test("a Xen entry's copy gets a new id and the parameter on its dom0 line")
    func xen() throws {
        var document = try GrubMenuDocument(text: BootMenuFixtures.xenGrub)
        try document.duplicateEntry(.index(0), title: "Xen" + Self.suffix, id: "xen-hvc0", appending: ["console=hvc0"])
        let entries = document.bootEntries()
        #expect(entries.map(\.title) == ["Xen", "Xen (Xen console hvc0)", "Xen, serial console (com1=115200,8n1)", "Linux"])
        #expect(entries[1].id == "xen-hvc0" && entries[0].id == "xen-default")
        #expect(entries[1].hypervisor == "/boot/xen/xen.gz")
        #expect(entries[1].parameters == ["isokit.label=ISOKIT_XEN", "console=hvc0", "console=hvc0"])
    }

    @Test("an entry inside a submenu is copied inside it, indented alike; a one-line entry too")
    func nested() throws {
        var document = try GrubMenuDocument(text: BootMenuFixtures.debianGrub)
        let title = "Live system (amd64, serial console)"
        let position = try document.duplicateEntry(.title(title), title: title + Self.suffix, appending: ["console=hvc0"])
        #expect(document.flattenedEntries[position].path == [2, 2])
        #expect(document.render().contains("\t}\n\tmenuentry 'Live system (amd64, serial console) (Xen console hvc0)' {\n"))
        var xen = try GrubMenuDocument(text: BootMenuFixtures.xenGrub)
        try xen.duplicateEntry(.title("Linux"), title: "Linux 2", appending: ["quiet"])
        #expect(xen.render().contains(
            "menuentry 'Linux 2' { linux /boot/x86_64/vmlinuz isokit.label=ISOKIT_XEN quiet ; initrd /boot/x86_64/initrd.img ; }"))
    }

    @Test("a missing entry is an error")
    func missing() throws {
        var document = try GrubMenuDocument(text: BootMenuFixtures.debianGrub)
        #expect(throws: BootConfigError.noSuchEntry(.index(9), available: 4)) {
            try document.duplicateEntry(.index(9), title: "x", appending: [])
        }
    }
}

@Suite("GRUB entry duplication against grub-script-check", .oracles("grub-script-check"))
struct GrubMenuDocumentDuplicationOracleTests {
    @Test("grub-script-check accepts every fixture with its default entry copied", arguments: GrubMenuDocumentTests.fixtures.map(\.name))
    func checks(name: String) async throws {
        let text = try #require(GrubMenuDocumentTests.fixtures.first { $0.name == name }?.text)
        var document = try GrubMenuDocument(text: text)
        guard let chosen = document.bootEntries().firstIndex(where: \.isDefault) else { return }
        try document.duplicateEntry(.index(chosen), title: "it's a copy", appending: ["console=hvc0"])
        #expect(document.bootEntries()[chosen + 1].title == "it's a copy")
        try await withTemporaryDirectory { directory in
            try FileTree.write(["grub.cfg": .text(document.render())], under: directory)
            try await Tool.run("grub-script-check", [directory + "/grub.cfg"])
        }
    }
}
