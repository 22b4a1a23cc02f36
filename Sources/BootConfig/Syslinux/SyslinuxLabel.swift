/// One `LABEL` of a syslinux/isolinux config with the directives that follow it (syslinux wiki "Config": LABEL,
/// KERNEL, LINUX, APPEND, INITRD, MENU LABEL, MENU DEFAULT).
public struct SyslinuxLabel: Hashable, Sendable {
    /// The label's name, which `DEFAULT` and the boot prompt use.
    public var name: String
    /// The `MENU LABEL` text, or `nil`.
    public var menuLabel: String?
    /// The kernel keyword as upper case (`KERNEL`, `LINUX`, `COM32` …), or `nil` if the label loads nothing.
    public var kernelKeyword: String?
    /// The kernel's (or module's) path, as written.
    public var kernel: String?
    /// The label's own `APPEND` words, or `nil` if it has no `APPEND` (the global one then applies).
    public var append: [String]?
    /// Initial ramdisks: `INITRD` paths, then `initrd=` paths from the effective append line, comma lists split.
    public var initrds: [String]
    /// Kernel parameters: the effective append line without `initrd=` words.
    public var parameters: [String]
    /// Whether the label has `MENU DEFAULT`.
    public var isMenuDefault: Bool
    /// The 1-based line of the `LABEL` directive.
    public var line: Int

    /// The directives from `LABEL` up to the next `LABEL` (or menu boundary), for the editors.
    var directives: [SyslinuxDirective]

    /// Reads a label from its directives, the first being `LABEL`.
    init(_ directives: [SyslinuxDirective], globalAppend: [String]?) {
        name = directives.first?.argument ?? ""
        line = directives.first?.line ?? 0
        self.directives = directives
        menuLabel = directives.last { $0.keyword == "MENU LABEL" }?.argument
        let kernelLine = directives.last { Self.kernelKeywords.contains($0.keyword) }
        kernelKeyword = kernelLine?.keyword
        kernel = kernelLine?.words.first
        append = directives.last { $0.keyword == "APPEND" }?.words
        isMenuDefault = directives.contains { $0.keyword == "MENU DEFAULT" }
        let effective = (append ?? globalAppend ?? []).filter { $0 != "-" }
        let inline = (kernelLine?.words.dropFirst()).map(Array.init) ?? []
        let words = inline + effective
        initrds = directives.filter { $0.keyword == "INITRD" }.flatMap { $0.argument.split(separator: ",").map(String.init) }
        initrds += words.filter { $0.hasPrefix("initrd=") }.flatMap { $0.dropFirst(7).split(separator: ",").map(String.init) }
        parameters = words.filter { !$0.hasPrefix("initrd=") }
    }

    /// Keywords that name what a label boots.
    static let kernelKeywords: Set<String> = [
        "KERNEL", "LINUX", "BOOT", "BSS", "PXE", "FDIMAGE", "COMBOOT", "COM32", "CONFIG", "LOCALBOOT",
    ]

    /// Whether the label boots a Linux kernel, so that kernel parameters apply: `LINUX`, or `KERNEL` with a file
    /// that is not a syslinux module or boot sector.
    public var bootsLinux: Bool {
        guard let kernel, kernelKeyword == "LINUX" || kernelKeyword == "KERNEL" else { return false }
        let lower = kernel.lowercased()
        return !Self.moduleSuffixes.contains { lower.hasSuffix($0) }
    }

    /// File suffixes `KERNEL` treats as something other than a Linux kernel.
    private static let moduleSuffixes = [".c32", ".com", ".cbt", ".0", ".bin", ".bs", ".bss", ".img"]

    /// The label as the common summary.
    func summary(isDefault: Bool) -> BootMenuEntry {
        BootMenuEntry(
            title: String((menuLabel ?? name).filter { $0 != "^" }), id: name, kernel: bootsLinux ? kernel ?? "" : "",
            initrds: initrds,
            parameters: parameters, isDefault: isDefault)
    }
}
