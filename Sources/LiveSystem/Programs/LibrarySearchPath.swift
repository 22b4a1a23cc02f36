import ELF
import Foundation

/// Where glibc's dynamic linker looks for a `DT_NEEDED` library without `LD_LIBRARY_PATH`: the directories of
/// `/etc/ld.so.conf` (what `ldconfig` puts in `/etc/ld.so.cache`) and the built-in default directories, for one
/// architecture.
struct LibrarySearchPath: Sendable {
    /// The directories `/etc/ld.so.conf` names, in file order with `include`d files in place (sorted within one
    /// pattern, as `ldconfig` reads them), without repeats.
    let configured: [String]
    /// The default directories, searched last and found by the dynamic linker even without `ld.so.cache`:
    /// `/lib/TRIPLET`, `/usr/lib/TRIPLET`, `/lib64`, `/usr/lib64`, `/lib`, `/usr/lib`.
    let defaults: [String]
    /// What `$LIB` expands to (`lib/x86_64-linux-gnu`, as Debian's glibc).
    let libToken: String
    /// What `$PLATFORM` expands to (`x86_64`).
    let platformToken: String

    /// The search path for `machine`, reading `/etc/ld.so.conf` inside `files`.
    /// - Throws: ``ProgramClosureError/symlinkLoop(path:)`` from a lookup.
    init(machine: ELFMachine, files: RootedFileSystem) throws(ProgramClosureError) {
        let triplet = Self.multiarchTriplet(machine)
        var defaults: [String] = []
        if let triplet { defaults += ["/lib/\(triplet)", "/usr/lib/\(triplet)"] }
        defaults += ["/lib64", "/usr/lib64", "/lib", "/usr/lib"]
        self.defaults = defaults
        libToken = triplet.map { "lib/\($0)" } ?? "lib"
        platformToken = Self.platform(machine)
        var seen: Set<String> = []
        var visited: Set<String> = []
        configured = try Self.read("/etc/ld.so.conf", files: files, visited: &visited).filter { seen.insert($0).inserted }
    }

    /// Debian's multiarch triplet for `machine` (the `/usr/lib/TRIPLET` directory name), if it has one.
    static func multiarchTriplet(_ machine: ELFMachine) -> String? {
        switch machine {
        case .x86_64: "x86_64-linux-gnu"
        case .aarch64: "aarch64-linux-gnu"
        case .riscv: "riscv64-linux-gnu"
        case .i386: "i386-linux-gnu"
        default: nil
        }
    }

    /// `AT_PLATFORM` as glibc's `$PLATFORM` gives it for `machine`.
    static func platform(_ machine: ELFMachine) -> String {
        switch machine {
        case .x86_64: "x86_64"
        case .aarch64: "aarch64"
        case .riscv: "riscv64"
        case .i386: "i686"
        default: "unknown"
        }
    }

    /// `entry` (a `DT_RPATH`/`DT_RUNPATH` directory) with `$ORIGIN`, `$LIB` and `$PLATFORM` (also in `${…}` form)
    /// expanded, made absolute and tidy; `nil` for a relative directory, which `ld.so` would take from the current
    /// directory.
    func expand(_ entry: String, origin: String) -> String? {
        var text = entry
        for (name, value) in [("ORIGIN", origin), ("LIB", libToken), ("PLATFORM", platformToken)] {
            text = text.replacingOccurrences(of: "${\(name)}", with: value)
                .replacingOccurrences(of: "$\(name)", with: value)
        }
        guard text.hasPrefix("/") else { return nil }
        return RootedFileSystem.normalized(text)
    }

    /// The directories of the configuration file at `path`, following `include` lines (relative patterns are
    /// relative to the including file's directory; `*`, `?` and `[…]` only in the last component).
    private static func read(
        _ path: String, files: RootedFileSystem, visited: inout Set<String>
    ) throws(ProgramClosureError) -> [String] {
        guard visited.insert(path).inserted, let real = try files.resolve(path),
            let text = try? String(contentsOfFile: files.hostPath(real), encoding: .utf8)
        else { return [] }
        var directories: [String] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            switch first {
            case "include":
                for pattern in words.dropFirst() {
                    let absolute = pattern.hasPrefix("/") ? pattern : RootedFileSystem.directory(of: path) + "/" + pattern
                    for file in try matches(absolute, files: files) {
                        directories += try read(file, files: files, visited: &visited)
                    }
                }
            case "hwcap":
                continue  // obsolete, and about subdirectories rather than places to look
            default:
                for word in words {
                    // ldconfig also splits on ':' and ',', and accepts an old `DIR=TYPE` suffix.
                    for part in word.split(whereSeparator: { $0 == ":" || $0 == "," }) {
                        let directory = part.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                        if directory.hasPrefix("/") { directories.append(RootedFileSystem.normalized(directory)) }
                    }
                }
            }
        }
        return directories
    }

    /// The files inside the root matching `pattern`, sorted.
    private static func matches(_ pattern: String, files: RootedFileSystem) throws(ProgramClosureError) -> [String] {
        let directory = RootedFileSystem.directory(of: pattern)
        let name = String(pattern.split(separator: "/").last ?? "")
        return try files.contents(ofDirectory: directory)
            .filter { fnmatch(name, $0, 0) == 0 }
            .sorted()
            .map { directory == "/" ? "/" + $0 : directory + "/" + $0 }
    }
}
