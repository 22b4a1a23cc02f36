import ELF
import Foundation
import TestSupport
import Testing

@testable import LiveSystem

@Suite("ProgramClosure", .enabled(if: ProgramFixture.available, "needs gcc and the host's libc"))
struct ProgramClosureTests {
    static let triplet = ProgramFixture.triplet
    static let defaults = ["/lib/\(triplet)", "/usr/lib/\(triplet)", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]

    @Test("DT_RUNPATH with $ORIGIN, libc through usrmerge's /lib link, the interpreter at its PT_INTERP path")
    func runpathOrigin() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try await fixture.library("libgreet.so.1", at: "/opt/app/lib/libgreet.so.1")
        try await fixture.program(
            at: "/opt/app/bin/hello", needs: ["/opt/app/lib/libgreet.so.1"],
            linkerFlags: ["-Wl,--enable-new-dtags,-rpath,$ORIGIN/../lib"])
        let files = try ProgramClosure(hostRoot: fixture.root, machine: .x86_64).resolve(["/opt/app/bin/hello"])
        #expect(
            files == [
                ClosureFile(hostPath: fixture.host("/opt/app/bin/hello"), targetPath: "/opt/app/bin/hello", role: .program),
                ClosureFile(
                    hostPath: fixture.host("/usr/lib/\(Self.triplet)/ld-linux-x86-64.so.2"),
                    targetPath: "/lib64/ld-linux-x86-64.so.2", role: .interpreter),
                ClosureFile(
                    hostPath: fixture.host("/opt/app/lib/libgreet.so.1"), targetPath: "/opt/app/lib/libgreet.so.1",
                    role: .library),
                ClosureFile(
                    hostPath: fixture.host("/usr/lib/\(Self.triplet)/libc.so.6"),
                    targetPath: "/lib/\(Self.triplet)/libc.so.6", role: .library),
            ])
    }

    @Test("the loaders' DT_RPATHs serve a library's needs, unless the library has a DT_RUNPATH")
    func rpathInheritance() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try await fixture.library("libinner.so.2", at: "/opt/old/lib/libinner.so.2")
        try await fixture.library("libouter.so.1", at: "/opt/old/lib/libouter.so.1", needs: ["/opt/old/lib/libinner.so.2"])
        try await fixture.program(
            at: "/usr/bin/old", needs: ["/opt/old/lib/libouter.so.1"],
            linkerFlags: ["-Wl,--disable-new-dtags,-rpath,/opt/old/lib"])
        let closure = ProgramClosure(hostRoot: fixture.root, machine: .x86_64)
        let targets = try closure.resolve(["/usr/bin/old"]).map(\.targetPath)
        #expect(
            targets == [
                "/usr/bin/old", "/lib64/ld-linux-x86-64.so.2", "/opt/old/lib/libouter.so.1", "/lib/\(Self.triplet)/libc.so.6",
                "/opt/old/lib/libinner.so.2",
            ])

        // With a DT_RUNPATH of its own, libouter no longer sees the executable's DT_RPATH.
        try await fixture.library(
            "libouter.so.1", at: "/opt/old/lib/libouter.so.1", needs: ["/opt/old/lib/libinner.so.2"],
            linkerFlags: ["-Wl,--enable-new-dtags,-rpath,/opt/elsewhere"])
        #expect(
            throws: ProgramClosureError.libraryNotFound(
                program: "/usr/bin/old", library: "libinner.so.2", neededBy: "/opt/old/lib/libouter.so.1",
                searched: ["/opt/elsewhere"] + Self.defaults, skipped: [])
        ) { try closure.resolve(["/usr/bin/old"]) }
    }

    @Test("/etc/ld.so.conf with a relative include glob; such a library moves to a default directory")
    func ldSoConf() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try await fixture.library("libconf.so.1", at: "/opt/conf/lib/libconf.so.1")
        try await fixture.program(at: "/usr/bin/conf", needs: ["/opt/conf/lib/libconf.so.1"])
        try fixture.write("# comment\ninclude ld.so.conf.d/*.conf\n", at: "/etc/ld.so.conf")
        try fixture.write("/opt/nothing\n", at: "/etc/ld.so.conf.d/a.conf")
        try fixture.write("/opt/conf/lib  # the app\n", at: "/etc/ld.so.conf.d/b.conf")
        try fixture.write("/opt/ignored\n", at: "/etc/ld.so.conf.d/c.txt")
        let files = try ProgramClosure(hostRoot: fixture.root).resolve(["/usr/bin/conf"])
        let library = try #require(files.first { $0.hostPath == fixture.host("/opt/conf/lib/libconf.so.1") })
        #expect(library.targetPath == "/lib/\(Self.triplet)/libconf.so.1")

        try FileManager.default.removeItem(atPath: fixture.host("/opt/conf/lib/libconf.so.1"))
        #expect(
            throws: ProgramClosureError.libraryNotFound(
                program: "/usr/bin/conf", library: "libconf.so.1", neededBy: "/usr/bin/conf",
                searched: ["/opt/nothing", "/opt/conf/lib"] + Self.defaults, skipped: [])
        ) { try ProgramClosure(hostRoot: fixture.root).resolve(["/usr/bin/conf"]) }
    }

    @Test("a missing library is an error naming the program, the library and every directory searched")
    func missingLibrary() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try await fixture.library("libgone.so.3", at: "/opt/app/lib/libgone.so.3")
        try await fixture.program(
            at: "/opt/app/bin/tool", needs: ["/opt/app/lib/libgone.so.3"], linkerFlags: ["-Wl,-rpath,$ORIGIN/../lib"])
        try FileManager.default.removeItem(atPath: fixture.host("/opt/app/lib/libgone.so.3"))
        let expected = ProgramClosureError.libraryNotFound(
            program: "/opt/app/bin/tool", library: "libgone.so.3", neededBy: "/opt/app/bin/tool",
            searched: ["/opt/app/lib"] + Self.defaults, skipped: [])
        #expect(throws: expected) { try ProgramClosure(hostRoot: fixture.root).resolve(["/opt/app/bin/tool"]) }
        #expect(
            "\(expected)"
                == "/opt/app/bin/tool: library libgone.so.3 (needed by /opt/app/bin/tool) not found; searched /opt/app/lib, "
                + Self.defaults.joined(separator: ", "))
    }

    @Test("candidates of another class or machine are skipped, as ld.so skips them")
    func wrongClassSkipped() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try await fixture.library("libpick.so.1", at: "/usr/lib/libpick.so.1")
        try await fixture.program(at: "/usr/bin/pick", needs: ["/usr/lib/libpick.so.1"])
        // An ELF32 file first in the search, then an aarch64 copy of the real library.
        var elf32 = ELFHeader(type: .sharedObject, machine: .i386).encode()
        elf32[4] = 1  // EI_CLASS: ELFCLASS32
        try Data(elf32).write(to: URL(fileURLWithPath: fixture.host("/usr/lib/\(Self.triplet)/libpick.so.1")))
        var other = try Data(contentsOf: URL(fileURLWithPath: fixture.host("/usr/lib/libpick.so.1")))
        other[18] = UInt8(ELFMachine.aarch64.rawValue)  // e_machine
        try FileManager.default.createDirectory(atPath: fixture.host("/usr/lib64"), withIntermediateDirectories: true)
        try other.write(to: URL(fileURLWithPath: fixture.host("/usr/lib64/libpick.so.1")))

        let files = try ProgramClosure(hostRoot: fixture.root).resolve(["/usr/bin/pick"])
        // Found at /lib/libpick.so.1: /lib is usrmerge's link to usr/lib, kept as searched.
        #expect(files.contains { $0.targetPath == "/lib/libpick.so.1" && $0.hostPath == fixture.host("/usr/lib/libpick.so.1") })
        try FileManager.default.removeItem(atPath: fixture.host("/usr/lib/libpick.so.1"))
        #expect(
            throws: ProgramClosureError.libraryNotFound(
                program: "/usr/bin/pick", library: "libpick.so.1", neededBy: "/usr/bin/pick", searched: Self.defaults,
                skipped: [
                    "/lib/\(Self.triplet)/libpick.so.1", "/usr/lib/\(Self.triplet)/libpick.so.1", "/lib64/libpick.so.1",
                    "/usr/lib64/libpick.so.1",
                ])
        ) { try ProgramClosure(hostRoot: fixture.root).resolve(["/usr/bin/pick"]) }
    }

    @Test("scripts are added as they are, a static program alone; other files and machines are errors")
    func programKinds() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try fixture.write("#!/bin/sh\necho hi\n", at: "/usr/bin/hi", mode: 0o755)
        try fixture.write("plain text\n", at: "/usr/bin/text")
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: fixture.host("/usr/bin/busybox"))
        try FileManager.default.createSymbolicLink(atPath: fixture.host("/usr/bin/sh"), withDestinationPath: "busybox")
        let closure = ProgramClosure(hostRoot: fixture.root, machine: .x86_64)
        #expect(
            try closure.resolve(["/usr/bin/hi", "/usr/bin/sh", "/usr/bin/hi"]) == [
                ClosureFile(hostPath: fixture.host("/usr/bin/hi"), targetPath: "/usr/bin/hi", role: .script),
                ClosureFile(hostPath: fixture.host("/usr/bin/busybox"), targetPath: "/usr/bin/sh", role: .program),
            ])
        #expect(
            throws: ProgramClosureError.notAProgram(
                path: fixture.host("/usr/bin/text"), reason: "neither an ELF file nor a #! script")
        ) { try closure.resolve(["/usr/bin/text"]) }
        #expect(throws: ProgramClosureError.programNotFound(path: "/usr/bin/none")) { try closure.resolve(["/usr/bin/none"]) }
        #expect(throws: ProgramClosureError.programNotFound(path: "usr/bin/hi")) { try closure.resolve(["usr/bin/hi"]) }
        #expect(
            throws: ProgramClosureError.wrongMachine(path: "/usr/bin/sh", machine: 62, expected: 183)
        ) { try ProgramClosure(hostRoot: fixture.root, machine: .aarch64).resolve(["/usr/bin/sh"]) }
    }

    @Test("a corrupt program is an error with the decode error's offset")
    func corruptProgram() async throws {
        let temp = try TemporaryDirectory()
        let fixture = try ProgramFixture(in: temp.path)
        try await fixture.program(at: "/usr/bin/bad")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.host("/usr/bin/bad")))
        bytes[0x36] = 55  // e_phentsize
        try bytes.write(to: URL(fileURLWithPath: fixture.host("/usr/bin/bad")))
        #expect(
            throws: ProgramClosureError.malformed(
                path: fixture.host("/usr/bin/bad"),
                error: .invalidValue(field: "e_phentsize", offset: 0x36, reason: "55 bytes, expected 56"))
        ) { try ProgramClosure(hostRoot: fixture.root).resolve(["/usr/bin/bad"]) }
    }

    @Test("a link loop is an error")
    func symlinkLoop() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: temp.path("a"), withDestinationPath: "/b")
        try FileManager.default.createSymbolicLink(atPath: temp.path("b"), withDestinationPath: "a")
        #expect(throws: ProgramClosureError.symlinkLoop(path: "/a")) { try ProgramClosure(hostRoot: temp.path).resolve(["/a"]) }
    }

    @Test("the host's rsync: every library readelf names is in the closure", .oracles("readelf"),
        .enabled(if: Oracle.required || FileManager.default.fileExists(atPath: "/usr/bin/rsync")))
    func hostRsync() async throws {
        let files = try ProgramClosure(machine: .x86_64).resolve(["/usr/bin/rsync"])
        #expect(files.first == ClosureFile(hostPath: "/usr/bin/rsync", targetPath: "/usr/bin/rsync", role: .program))
        #expect(files.contains { $0.role == .interpreter && $0.targetPath == "/lib64/ld-linux-x86-64.so.2" })
        var names: Set<String> = []
        for file in files where file.role != .interpreter {
            let output = try await Tool.run("readelf", ["-d", "-W", file.hostPath]).stdout
            for line in output.split(separator: "\n") where line.contains("(NEEDED)") {
                guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { continue }
                names.insert(String(line[line.index(after: open)..<close]))
            }
        }
        let libraries = Set(files.filter { $0.role == .library }.map { String($0.targetPath.split(separator: "/").last ?? "") })
        #expect(names.subtracting(["ld-linux-x86-64.so.2"]) == libraries)
        #expect(Set(files.map(\.targetPath)).count == files.count)
    }
}
