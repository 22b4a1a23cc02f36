/// One file a program needs in the live system, found by ``ProgramClosure``.
public struct ClosureFile: Hashable, Sendable, Codable {
    /// Why the file is part of the closure.
    public enum Role: String, Hashable, Sendable, Codable {
        /// A program asked for, at its own path.
        case program
        /// A script asked for (it starts with `#!`); added as it is, its interpreter is not followed.
        case script
        /// A program interpreter (`PT_INTERP`), at exactly the path the program names.
        case interpreter
        /// A shared library (`DT_NEEDED`), under its needed name in the directory it was found in.
        case library
    }

    /// The file to copy, as a path on this machine (symbolic links resolved, the host root included).
    public var hostPath: String
    /// Its absolute path in the live system.
    public var targetPath: String
    /// Why it is there.
    public var role: Role

    /// Creates a closure file.
    public init(hostPath: String, targetPath: String, role: Role) {
        self.hostPath = hostPath
        self.targetPath = targetPath
        self.role = role
    }
}
