extension GrubConfiguration {
    /// The variable the rendered script keeps the chosen menu's number in.
    static let cpuMenuVariable = "isokit_cpu_menu"

    /// One `grub.cfg` for GRUB images of several CPUs (a multi-architecture medium): each configuration's serial
    /// console, default, timeout and entries run only on the CPUs it names (GRUB manual §15.1 "grub_cpu", §6.3
    /// "if"). The first configuration serves every CPU the others do not name, so it can be the PC's, whose BIOS
    /// GRUB says `i386` and UEFI GRUB `x86_64`; it also comes first in the file, so readers that keep `if` bodies
    /// flat (``GrubMenuDocument``, the netboot catalog) take its first entry as the default.
    ///
    /// The script sets a variable to the number of the configuration whose CPU matches, then runs that one, which
    /// needs only string comparisons with `=` (no `-a`/`-o`).
    /// - Parameter menus: The configurations with the `$grub_cpu` values each is for (`["arm64"]`); the first one's
    ///   values are not used.
    /// - Returns: The script text, ending in a newline.
    public static func render(byCPU menus: [(cpus: [String], configuration: GrubConfiguration)]) -> String {
        guard let first = menus.first else { return "" }
        guard menus.count > 1 else { return first.configuration.render() }
        let variable = cpuMenuVariable
        var lines = ["set \(variable)=1"]
        for (index, menu) in menus.enumerated().dropFirst() {
            for cpu in menu.cpus {
                lines.append("if [ \"$grub_cpu\" = \(GrubQuoting.word(cpu)) ]; then set \(variable)=\(index + 1); fi")
            }
        }
        for (index, menu) in menus.enumerated() {
            lines.append("")
            lines.append("if [ \"$\(variable)\" = \(index + 1) ]; then")
            lines.append(menu.configuration.render() + "fi")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
