extension GrubConfiguration {
    /// One `grub.cfg` for GRUB images of several CPUs (a multi-architecture medium): each configuration's serial
    /// console, default, timeout and entries in a branch on GRUB's `$grub_cpu` (GRUB manual §15.1 "grub_cpu",
    /// §6.3 "if"), the last configuration in the `else` branch, so it also serves CPUs not named.
    ///
    /// Readers that keep `if` bodies flat (``GrubMenuDocument``) see every entry, in order.
    /// - Parameter menus: The configurations with the `$grub_cpu` value each is for (`arm64`, `x86_64`).
    /// - Returns: The script text, ending in a newline.
    public static func render(byCPU menus: [(cpu: String, configuration: GrubConfiguration)]) -> String {
        guard let last = menus.last else { return "" }
        guard menus.count > 1 else { return last.configuration.render() }
        var lines: [String] = []
        for (index, menu) in menus.enumerated() {
            if index == 0 {
                lines.append("if [ \"$grub_cpu\" = \(GrubQuoting.word(menu.cpu)) ]; then")
            } else if index == menus.count - 1 {
                lines.append("else")
            } else {
                lines.append("elif [ \"$grub_cpu\" = \(GrubQuoting.word(menu.cpu)) ]; then")
            }
            lines.append(menu.configuration.render())
        }
        lines.append("fi")
        return lines.joined(separator: "\n") + "\n"
    }
}
