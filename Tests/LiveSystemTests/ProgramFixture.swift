import Foundation
import TestSupport

/// Fake host roots for ``ProgramClosure`` tests: small programs and libraries made by gcc at test time, and the
/// host's own libc and dynamic linker copied in, laid out as a usrmerged Debian system (`/lib → usr/lib`,
/// `/lib64 → usr/lib64`, an absolute `/lib64/ld-linux-x86-64.so.2` link).
struct ProgramFixture {
    /// The fake root.
    let root: String
    /// Where sources and build outputs go before they are placed in the root.
    let scratch: String

    static let triplet = "x86_64-linux-gnu"
    static let hostLibc = "/lib/x86_64-linux-gnu/libc.so.6"
    static let hostInterpreter = "/lib64/ld-linux-x86-64.so.2"
    /// Whether the tools and host files the fixture needs are there (always when oracles are required).
    static var available: Bool {
        Oracle.available("gcc") && FileManager.default.fileExists(atPath: hostLibc)
            && FileManager.default.fileExists(atPath: hostInterpreter)
    }

    /// A usrmerged root in `directory/root` with libc and the dynamic linker.
    init(in directory: String) throws {
        root = directory + "/root"
        scratch = directory + "/scratch"
        let files = FileManager.default
        for path in ["usr/lib/\(Self.triplet)", "usr/lib64", "usr/bin", "etc"] {
            try files.createDirectory(atPath: "\(root)/\(path)", withIntermediateDirectories: true)
        }
        try files.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try files.createSymbolicLink(atPath: root + "/lib", withDestinationPath: "usr/lib")
        try files.createSymbolicLink(atPath: root + "/lib64", withDestinationPath: "usr/lib64")
        // copyItem copies a link as a link: copy the files the host's links name.
        try files.copyItem(atPath: Self.real(Self.hostLibc), toPath: "\(root)/usr/lib/\(Self.triplet)/libc.so.6")
        try files.copyItem(
            atPath: Self.real(Self.hostInterpreter), toPath: "\(root)/usr/lib/\(Self.triplet)/ld-linux-x86-64.so.2")
        try files.createSymbolicLink(
            atPath: root + "/usr/lib64/ld-linux-x86-64.so.2",
            withDestinationPath: "/lib/\(Self.triplet)/ld-linux-x86-64.so.2")
    }

    /// Compiles a shared library with SONAME `soname` into `path` (inside the root), linked against `needs`
    /// (paths inside the root), with extra linker flags.
    func library(_ soname: String, at path: String, needs: [String] = [], linkerFlags: [String] = []) async throws {
        let source = "\(scratch)/\(soname).c"
        try Data("int \(Self.symbol(soname))(void) { return 42; }\n".utf8).write(to: URL(fileURLWithPath: source))
        try await compile(
            ["-shared", "-fPIC", "-o", root + path, source, "-Wl,-soname,\(soname)"] + needs.map { root + $0 }
                + linkerFlags, output: path)
    }

    /// Compiles a program into `path` (inside the root) linked against `needs` (paths inside the root).
    func program(at path: String, needs: [String] = [], linkerFlags: [String] = []) async throws {
        let source = "\(scratch)/main.c"
        try Data("int main(void) { return 0; }\n".utf8).write(to: URL(fileURLWithPath: source))
        try await compile(["-o", root + path, source] + needs.map { root + $0 } + linkerFlags, output: path)
    }

    /// Writes a text file inside the root.
    func write(_ text: String, at path: String, mode: UInt16 = 0o644) throws {
        try FileTree.write([String(path.dropFirst()): .text(text, mode: mode)], under: root)
    }

    /// The host path of `path` inside the root.
    func host(_ path: String) -> String { root + path }

    private func compile(_ arguments: [String], output: String) async throws {
        try FileManager.default.createDirectory(
            atPath: (root + output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Debian's gcc links --as-needed: these libraries define nothing the code uses, and must stay needed.
        try await Tool.run("gcc", ["-Wl,--no-as-needed"] + arguments)
    }

    private static func real(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    private static func symbol(_ soname: String) -> String {
        "f_" + String(soname.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
