import BinaryIO

/// Why ``ProgramClosure`` could not gather a program's files. Every case names the program or file involved.
public enum ProgramClosureError: Error, Hashable, Sendable {
    /// A program path that is not absolute, or names no regular file.
    case programNotFound(path: String)
    /// A file that is neither an ELF executable nor a `#!` script.
    case notAProgram(path: String, reason: String)
    /// A program for another architecture than the live system's.
    case wrongMachine(path: String, machine: UInt16, expected: UInt16)
    /// An ELF file whose headers or dynamic section could not be read.
    case malformed(path: String, error: DecodeError)
    /// A file that could not be read.
    case unreadable(path: String, reason: String)
    /// The program interpreter a program names is not there.
    case interpreterNotFound(program: String, interpreter: String)
    /// No directory held a usable copy of a needed library; `searched` lists the directories in order and
    /// `skipped` the files passed over for another class or architecture.
    case libraryNotFound(program: String, library: String, neededBy: String, searched: [String], skipped: [String])
    /// Too many symbolic links while looking up a path.
    case symlinkLoop(path: String)
}

extension ProgramClosureError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .programNotFound(let path):
            "\(path): no such program (give the absolute path of a regular file)"
        case .notAProgram(let path, let reason):
            "\(path): not a program: \(reason)"
        case .wrongMachine(let path, let machine, let expected):
            "\(path): built for ELF machine \(machine), but the live system is machine \(expected)"
        case .malformed(let path, let error):
            "\(path): \(error)"
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .interpreterNotFound(let program, let interpreter):
            "\(program): its program interpreter \(interpreter) is not there"
        case .libraryNotFound(let program, let library, let neededBy, let searched, let skipped):
            "\(program): library \(library) (needed by \(neededBy)) not found; searched "
                + (searched.isEmpty ? "nothing" : searched.joined(separator: ", "))
                + (skipped.isEmpty ? "" : "; skipped for another class or machine: " + skipped.joined(separator: ", "))
        case .symlinkLoop(let path):
            "\(path): too many levels of symbolic links"
        }
    }
}
