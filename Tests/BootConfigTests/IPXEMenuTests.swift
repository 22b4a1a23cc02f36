import BootConfig
import TestSupport
import Testing

@Suite("IPXEMenu")
struct IPXEMenuTests {
    static let live = IPXEBootTarget(
        kernel: "http://192.0.2.1:8080/iso/live/boot/vmlinuz", initrds: ["http://192.0.2.1:8080/iso/live/boot/initrd.img"],
        parameters: ["console=ttyS0,115200", "isokit.fetch=http://192.0.2.1:8080/iso/live/"])

    static let menu = IPXEMenu(
        title: "isokit netboot",
        items: [
            .gap("live.iso (isokit)"),
            .boot(label: "i0e0", title: "isokit live", target: live),
            .boot(
                label: "i0e1", title: "isokit live (debug ${shell})",
                target: IPXEBootTarget(kernel: live.kernel, initrds: [], parameters: ["isokit.debug"])),
        ],
        defaultLabel: "i0e1", timeoutSeconds: 3)

    @Test("renders menu, items, choose with default and timeout, local disk and shell, one label per item")
    func golden() throws {
        try Golden.check(try Self.menu.script().render(), against: "menu.ipxe")
    }

    @Test("every goto target is a label, and every item has a label")
    func structure() throws {
        let lines = try Self.menu.script().render().split(separator: "\n").map(String.init)
        #expect(lines.first == "#!ipxe")
        let labels = Set(lines.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) })
        let gotos = lines.compactMap { line -> String? in
            guard let range = line.range(of: "goto ") else { return nil }
            return String(line[range.upperBound...].split(separator: " ")[0])
        }.filter { $0 != "${target}" }
        #expect(!gotos.isEmpty)
        for target in gotos { #expect(labels.contains(target), "goto \(target) has no label") }
        let items = lines.filter { $0.hasPrefix("item ") && !$0.hasPrefix("item --gap") }
            .map { String($0.split(separator: " ")[1]) }
        #expect(items == ["i0e0", "i0e1", "local", "shell"])
        for item in items { #expect(labels.contains(item)) }
        #expect(lines.contains("choose --default i0e1 --timeout 3000 target || goto shell"))
        #expect(lines.contains("sanboot --no-describe --drive 0x80 || exit"))
    }

    @Test("a title's ${ is not expanded and its line breaks can't start a new command")
    func titlesAreText() throws {
        var menu = Self.menu
        menu.defaultLabel = nil
        menu.items = [.boot(label: "a", title: "evil\nchain http://x/ ${net0/ip}", target: Self.live)]
        let text = try menu.script().render()
        #expect(text.contains("item a evil chain http://x/ $ {net0/ip}"))
        #expect(!text.contains("\nchain"))
    }

    @Test("a default naming no item, a reserved or repeated label, or a split word is refused")
    func refusals() {
        var badDefault = Self.menu
        badDefault.defaultLabel = "nope"
        #expect(throws: BootConfigError.invalidValue(field: "iPXE menu default", value: "nope", reason: "no item has this label")) {
            try badDefault.script()
        }
        var reserved = Self.menu
        reserved.items = [.boot(label: "shell", title: "x", target: Self.live)]
        #expect(throws: BootConfigError.invalidValue(field: "iPXE menu label", value: "shell", reason: "used twice or reserved")) {
            try reserved.script()
        }
        var split = Self.menu
        split.defaultLabel = nil
        split.items = [.boot(label: "a", title: "x", target: IPXEBootTarget(kernel: "k", initrds: [], parameters: ["a b"]))]
        #expect(throws: BootConfigError.invalidValue(field: "iPXE kernel argument", value: "a b", reason: "must be one word without ${")) {
            try split.script()
        }
    }

    @Test("no timeout waits forever; the first item is the default when none is named")
    func defaults() throws {
        let menu = IPXEMenu(title: "t", items: [.boot(label: "x", title: "X", target: Self.live)], timeoutSeconds: 0)
        #expect(try menu.script().render().contains("choose --default x target || goto shell\n"))
    }
}
