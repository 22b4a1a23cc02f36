import BinaryIO
import ELF

/// The files a host program needs to run in the live system: the program, its program interpreter, and every
/// shared library it needs, directly or through other libraries — read natively from ELF headers, without `ldd`.
///
/// Libraries are looked up as glibc's `ld.so` does without `LD_LIBRARY_PATH`: unless the needing object has a
/// `DT_RUNPATH`, the `DT_RPATH`s of the needing object, the object that loaded it and so on up to the executable
/// (an object with `DT_RUNPATH` has its `DT_RPATH` ignored); then its `DT_RUNPATH`, the directories of
/// `/etc/ld.so.conf` (with `include`), then the default directories (`/lib/TRIPLET`, `/usr/lib/TRIPLET`, `/lib64`,
/// `/usr/lib64`, `/lib`, `/usr/lib`, the triplet from the ELF machine). `$ORIGIN`, `$LIB` and `$PLATFORM` are
/// expanded. A candidate of another class, byte order or machine is skipped, as `ld.so` skips it.
///
/// Each library goes where the live system's `ld.so` finds it without an `ld.so.cache`: under its `DT_NEEDED`
/// name in the directory it was found in, spelled as searched (a symlinked directory such as usrmerge's
/// `/lib → usr/lib` keeps the `/lib` spelling). A library found only through `ld.so.conf` moves to the first
/// default directory, which needs no cache. The interpreter goes to exactly its `PT_INTERP` path. glibc-hwcaps
/// subdirectories are not searched.
///
/// ```swift
/// let files = try ProgramClosure(machine: .x86_64).resolve(["/usr/bin/rsync"])
/// for file in files { print(file.role, file.targetPath, "←", file.hostPath) }
/// ```
public struct ProgramClosure: Sendable {
    /// The directory that plays the host's `/` (`/` except in tests).
    public var hostRoot: String
    /// The architecture programs must be built for; any if `nil` (libraries always match their program's).
    public var machine: ELFMachine?

    /// A closure over the host file system below `hostRoot`.
    /// - Parameters:
    ///   - hostRoot: The directory that plays `/`; every path, symbolic link and `ld.so.conf` is read inside it.
    ///   - machine: The architecture every program must be built for, or `nil` for any.
    public init(hostRoot: String = "/", machine: ELFMachine? = nil) {
        self.hostRoot = hostRoot
        self.machine = machine
    }

    /// The files of `programs`, each program first at its own path, then its interpreter and its libraries
    /// breadth-first; a target path appears once.
    ///
    /// A `#!` script is added as it is (role ``ClosureFile/Role/script``); its interpreter is not followed — add it
    /// too. A static executable brings only itself.
    /// - Parameter programs: Absolute paths inside the host root; a symbolic link is copied as the file it
    ///   names, at the path given.
    /// - Returns: The files to copy, without duplicates.
    /// - Throws: ``ProgramClosureError/programNotFound(path:)``, ``ProgramClosureError/notAProgram(path:reason:)``,
    ///   ``ProgramClosureError/wrongMachine(path:machine:expected:)``,
    ///   ``ProgramClosureError/interpreterNotFound(program:interpreter:)``,
    ///   ``ProgramClosureError/libraryNotFound(program:library:neededBy:searched:skipped:)`` naming the program
    ///   and the library, ``ProgramClosureError/malformed(path:error:)`` with the `DecodeError` and its offset,
    ///   ``ProgramClosureError/unreadable(path:reason:)`` and ``ProgramClosureError/symlinkLoop(path:)``.
    ///
    /// Spec: System V gABI "Shared Object Dependencies"; glibc `ld.so(8)` "Rpath token expansion" and search order.
    public func resolve(_ programs: [String]) throws(ProgramClosureError) -> [ClosureFile] {
        var state = State(files: RootedFileSystem(root: hostRoot))
        for program in programs {
            try add(program, to: &state)
        }
        return state.result
    }

    /// What one ``resolve(_:)`` call gathers.
    private struct State {
        let files: RootedFileSystem
        var result: [ClosureFile] = []
        var targets: Set<String> = []
        var searchPaths: [ELFMachine: LibrarySearchPath] = [:]

        mutating func append(_ file: ClosureFile) {
            if targets.insert(file.targetPath).inserted { result.append(file) }
        }

        mutating func searchPath(for machine: ELFMachine) throws(ProgramClosureError) -> LibrarySearchPath {
            if let known = searchPaths[machine] { return known }
            let made = try LibrarySearchPath(machine: machine, files: files)
            searchPaths[machine] = made
            return made
        }
    }

    /// A program or library whose needs are being resolved.
    private struct LoadedObject {
        /// Its path in the live system, for messages.
        var path: String
        /// `$ORIGIN`: its directory, where its own `DT_RUNPATH` entries are looked up.
        var origin: String
        var machine: ELFMachine
        var linking: ELFDynamicLinking
        /// The `DT_RPATH` directories searched for its needs when it has no `DT_RUNPATH`: its own, then those of
        /// the object that loaded it, up to the executable's.
        var rpathChain: [String]

        init(path: String, origin: String, machine: ELFMachine, linking: ELFDynamicLinking, loader: LoadedObject?,
            search: LibrarySearchPath) {
            self.path = path
            self.origin = origin
            self.machine = machine
            self.linking = linking
            // get-dynamic-info: DT_RPATH is dropped when DT_RUNPATH is present.
            let own = linking.runpath.isEmpty ? linking.rpath.compactMap { search.expand($0, origin: origin) } : []
            rpathChain = own + (loader?.rpathChain ?? [])
        }
    }

    /// Adds one program and everything it needs.
    private func add(_ program: String, to state: inout State) throws(ProgramClosureError) {
        let files = state.files
        guard program.hasPrefix("/"), let real = try files.resolve(program), try files.isRegularFile(real) else {
            throw .programNotFound(path: program)
        }
        let target = RootedFileSystem.normalized(program)
        let hostPath = files.hostPath(real)
        guard let header = try Self.header(hostPath, isProgram: true) else {
            state.append(ClosureFile(hostPath: hostPath, targetPath: target, role: .script))
            return
        }
        if let machine, header.machine != machine {
            throw .wrongMachine(path: program, machine: header.machine.rawValue, expected: machine.rawValue)
        }
        let search = try state.searchPath(for: header.machine)
        let executable = LoadedObject(
            path: target, origin: RootedFileSystem.directory(of: target), machine: header.machine,
            linking: try Self.linking(hostPath), loader: nil, search: search)
        state.append(ClosureFile(hostPath: hostPath, targetPath: target, role: .program))

        // Names ld.so already has loaded: its own SONAME, so libc's DT_NEEDED on the interpreter is not a second copy.
        var satisfied: Set<String> = []
        if let interpreter = executable.linking.interpreter {
            guard let realInterpreter = try files.resolve(interpreter), try files.isRegularFile(realInterpreter) else {
                throw .interpreterNotFound(program: program, interpreter: interpreter)
            }
            let interpreterHostPath = files.hostPath(realInterpreter)
            state.append(
                ClosureFile(
                    hostPath: interpreterHostPath, targetPath: RootedFileSystem.normalized(interpreter),
                    role: .interpreter))
            if let soname = try Self.linking(interpreterHostPath).soname { satisfied.insert(soname) }
        }

        var queue = [executable]
        var next = 0
        while next < queue.count {
            let object = queue[next]
            next += 1
            for name in object.linking.needed where satisfied.insert(name).inserted {
                let found = try find(name, for: object, program: program, search: search, files: files)
                state.append(ClosureFile(hostPath: found.hostPath, targetPath: found.target, role: .library))
                if let soname = found.object.linking.soname { satisfied.insert(soname) }
                queue.append(found.object)
            }
        }
    }

    /// Finds library `name` for `object`, as `ld.so` would.
    private func find(
        _ name: String, for object: LoadedObject, program: String, search: LibrarySearchPath,
        files: RootedFileSystem
    ) throws(ProgramClosureError) -> (hostPath: String, target: String, object: LoadedObject) {
        // (directory, whether the live system's ld.so finds the library there without a cache)
        var directories: [(String, Bool)] = []
        var fileName = name
        if name.contains("/") {
            // A DT_NEEDED with a slash is a path, opened as it is (after token expansion).
            guard let path = search.expand(name, origin: object.origin) else {
                throw .libraryNotFound(
                    program: program, library: name, neededBy: object.path, searched: [], skipped: [])
            }
            directories = [(RootedFileSystem.directory(of: path), true)]
            fileName = String(path.split(separator: "/").last ?? "")
        } else {
            if object.linking.runpath.isEmpty { directories += object.rpathChain.map { ($0, true) } }
            directories += object.linking.runpath.compactMap { search.expand($0, origin: object.origin) }.map { ($0, true) }
            directories += search.configured.map { ($0, search.defaults.contains($0)) }
            directories += search.defaults.map { ($0, true) }
        }
        var searched: [String] = []
        var skipped: [String] = []
        for (directory, cacheless) in directories where !searched.contains(directory) {
            searched.append(directory)
            let candidate = (directory == "/" ? "" : directory) + "/" + fileName
            guard try files.isRegularFile(candidate), let real = try files.resolve(candidate) else { continue }
            let hostPath = files.hostPath(real)
            guard let header = try Self.header(hostPath, isProgram: false), header.machine == object.machine else {
                skipped.append(candidate)
                continue
            }
            let targetDirectory = cacheless ? directory : search.defaults[0]
            let target = (targetDirectory == "/" ? "" : targetDirectory) + "/" + fileName
            let loaded = LoadedObject(
                path: target, origin: directory, machine: header.machine, linking: try Self.linking(hostPath),
                loader: object, search: search)
            return (hostPath, target, loaded)
        }
        throw .libraryNotFound(program: program, library: name, neededBy: object.path, searched: searched, skipped: skipped)
    }

    /// The ELF header of the file at `hostPath`; `nil` for a program that is a `#!` script, or for a library of
    /// another class or byte order (which `ld.so` skips).
    private static func header(_ hostPath: String, isProgram: Bool) throws(ProgramClosureError) -> ELFHeader? {
        let start: [UInt8]
        do {
            let reader = try ImageReader(path: hostPath)
            start = try reader.read(at: 0, count: Int(min(reader.size, Int64(ELFHeader.size))), structure: "ELF header")
        } catch {
            throw .unreadable(path: hostPath, reason: "\(error)")
        }
        if isProgram, start.starts(with: Array("#!".utf8)) { return nil }
        guard start.starts(with: ELFHeader.magic) else {
            throw .notAProgram(
                path: hostPath, reason: isProgram ? "neither an ELF file nor a #! script" : "a library that is not an ELF file")
        }
        do {
            return try ELFHeader(bytes: start[...], at: 0)
        } catch let error {
            if !isProgram, case .invalidValue(let field, _, _) = error, field == "EI_CLASS" || field == "EI_DATA" {
                return nil
            }
            throw .malformed(path: hostPath, error: error)
        }
    }

    /// The interpreter, needs and search paths of the ELF file at `hostPath`.
    private static func linking(_ hostPath: String) throws(ProgramClosureError) -> ELFDynamicLinking {
        do {
            return try ELFFile(reader: ImageReader(path: hostPath)).dynamicLinking()
        } catch let error as DecodeError {
            throw .malformed(path: hostPath, error: error)
        } catch {
            throw .unreadable(path: hostPath, reason: "\(error)")
        }
    }
}
