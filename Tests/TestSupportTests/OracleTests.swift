import Testing

@testable import TestSupport

@Suite("Oracle")
struct OracleTests {
    @Test("finds tools on PATH and reports missing ones")
    func lookup() throws {
        #expect(Oracle.has("sh"))
        #expect(!Oracle.has("isokit-no-such-tool"))
        #expect(try Oracle.require("sh").hasSuffix("/sh"))
        #expect(throws: ToolError.self) { try Oracle.require("isokit-no-such-tool") }
    }

    @Test("always enables gated tests when oracles are required, so a missing tool fails instead of skipping")
    func requiredMeansRun() {
        #expect(Oracle.available("isokit-no-such-tool") == Oracle.required)
        #expect(Oracle.available("sh"))
    }

    @Test("searches the sbin directories after PATH, each once")
    func sbinFallback() {
        let candidates = Oracle.candidates(for: "sgdisk")
        for directory in Oracle.systemDirectories {
            #expect(candidates.filter { $0 == directory + "/sgdisk" }.count == 1)
        }
        #expect(Oracle.candidates(for: "/opt/tool") == ["/opt/tool"])
    }
}
