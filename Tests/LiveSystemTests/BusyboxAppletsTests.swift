import Foundation
@testable import LiveSystem
import TestSupport
import Testing

@Suite("Busybox applets")
struct BusyboxAppletsTests {
    @Test(
        "the name table read from the host's busybox binary lists what `busybox --list` prints",
        .oracles("busybox"))
    func namesFromBinary() async throws {
        let busybox = try #require(Oracle.path(of: "busybox"))
        let listed = try await Tool.run("busybox", ["--list"]).stdout.split(separator: "\n").map(String.init)
        #expect(try BusyboxApplets.names(inBinary: busybox) == listed)
    }

    @Test(
        "a busybox that cannot run gets the host's directories for its applets, bin/ for those the host lacks",
        .oracles("busybox"))
    func foreignPaths() async throws {
        let busybox = try #require(Oracle.path(of: "busybox"))
        let fullList = try await Tool.run("busybox", ["--list-full"]).stdout.split(separator: "\n").map(String.init)
        let paths = try await BusyboxApplets.paths(of: busybox, runnable: false, hostBusybox: busybox)
        #expect(paths == fullList, "\(zip(paths, fullList).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "counts \(paths.count), \(fullList.count)")")
        let alone = try await BusyboxApplets.paths(of: busybox, runnable: false, hostBusybox: "/nonexistent")
        #expect(alone.allSatisfy { $0.hasPrefix("bin/") } && alone.count == fullList.count)
    }

    @Test("a file without an applet name table is not a busybox")
    func noTable() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["fake": .text("#!/bin/sh\necho hi\n")], under: directory)
            #expect(throws: LiveBuildError.noBusybox(path: directory + "/fake", reason: "no applet name table found")) {
                try BusyboxApplets.names(inBinary: directory + "/fake")
            }
        }
    }
}
