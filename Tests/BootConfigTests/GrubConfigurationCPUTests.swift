import BootConfig
import Foundation
import TestSupport
import Testing

@Suite("GRUB configuration by CPU")
struct GrubConfigurationCPUTests {
    static func menu(_ directory: String, console: String, serial: Bool) -> GrubConfiguration {
        GrubConfiguration(
            timeoutSeconds: 3, serial: serial ? GrubSerialConsole() : nil,
            entries: [
                GrubMenuEntry(
                    title: "isokit live (\(directory))", kernel: "/boot/\(directory)/vmlinuz",
                    initrds: ["/boot/\(directory)/initrd.img"], parameters: ["console=\(console)"]),
            ])
    }

    static let menus = [
        (cpus: ["x86_64"], configuration: menu("x86_64", console: "ttyS0", serial: true)),
        (cpus: ["arm64"], configuration: menu("aarch64", console: "ttyAMA0", serial: false)),
    ]

    @Test("each menu runs on its CPUs; the first on every CPU the others do not name")
    func renders() {
        #expect(GrubConfiguration.render(byCPU: Self.menus) == """
            set isokit_cpu_menu=1
            if [ "$grub_cpu" = arm64 ]; then set isokit_cpu_menu=2; fi

            if [ "$isokit_cpu_menu" = 1 ]; then
            serial --unit=0 --speed=115200
            terminal_input console serial
            terminal_output console serial

            set default=0
            set timeout=3

            menuentry 'isokit live (x86_64)' {
                linux /boot/x86_64/vmlinuz console=ttyS0
                initrd /boot/x86_64/initrd.img
            }
            fi

            if [ "$isokit_cpu_menu" = 2 ]; then
            set default=0
            set timeout=3

            menuentry 'isokit live (aarch64)' {
                linux /boot/aarch64/vmlinuz console=ttyAMA0
                initrd /boot/aarch64/initrd.img
            }
            fi

            """)
        let three = GrubConfiguration.render(
            byCPU: Self.menus + [(cpus: ["riscv64", "riscv32"], configuration: Self.menus[1].configuration)])
        #expect(three.contains("if [ \"$grub_cpu\" = riscv64 ]; then set isokit_cpu_menu=3; fi\n"))
        #expect(three.contains("if [ \"$grub_cpu\" = riscv32 ]; then set isokit_cpu_menu=3; fi\n"))
        #expect(GrubConfiguration.render(byCPU: [Self.menus[1]]) == Self.menus[1].configuration.render())
    }

    @Test("our menu reader sees every entry in order, and grub-script-check accepts the script")
    func readable() async throws {
        let text = GrubConfiguration.render(byCPU: Self.menus)
        let document = try GrubMenuDocument(text: text)
        #expect(document.items.map(\.title) == ["isokit live (x86_64)", "isokit live (aarch64)"])
        #expect(document.defaultValue == "0")
        if Oracle.has("grub-script-check") || Oracle.required {
            try await withTemporaryDirectory(prefix: "isokit-grub-cpu") { directory in
                try FileTree.write(["grub.cfg": .text(text)], under: directory)
                try await Tool.run("grub-script-check", [directory + "/grub.cfg"])
            }
        }
    }
}
