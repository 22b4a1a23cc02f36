/// One line of an iPXE menu: a bootable item, or a gap with an optional heading.
public enum IPXEMenuItem: Hashable, Sendable {
    /// A selectable item: `label` is its `goto` target, `title` the text shown, `target` what it boots.
    case boot(label: String, title: String, target: IPXEBootTarget)
    /// A separator line with optional text (`item --gap -- TEXT`).
    case gap(String)
}
