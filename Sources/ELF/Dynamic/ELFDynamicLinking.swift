/// What the dynamic linker needs to know to start a program or load a library: its interpreter, the libraries it
/// needs and where to look for them (System V gABI "Program Interpreter" and "Dynamic Section").
///
/// A static executable has no interpreter and needs nothing.
public struct ELFDynamicLinking: Hashable, Sendable, Codable {
    /// `PT_INTERP`: the path of the program interpreter (`/lib64/ld-linux-x86-64.so.2`), or `nil` for a static
    /// executable or a library.
    public var interpreter: String?
    /// `DT_NEEDED`: the names of the needed libraries, in dynamic section order.
    public var needed: [String]
    /// `DT_SONAME`: the object's own name, for a shared library.
    public var soname: String?
    /// `DT_RPATH`: its directories in order (colon-separated in the file; empty parts left out).
    public var rpath: [String]
    /// `DT_RUNPATH`: its directories in order (colon-separated in the file; empty parts left out).
    public var runpath: [String]

    /// Creates a summary.
    public init(
        interpreter: String? = nil, needed: [String] = [], soname: String? = nil, rpath: [String] = [],
        runpath: [String] = []
    ) {
        self.interpreter = interpreter
        self.needed = needed
        self.soname = soname
        self.rpath = rpath
        self.runpath = runpath
    }

    /// Whether the file is dynamically linked (it has an interpreter or needs a library).
    public var isDynamic: Bool { interpreter != nil || !needed.isEmpty }
}
