import TestSupport
import Testing
@testable import ISO9660

@Suite("RelocationPlan")
struct RelocationPlanTests {
    /// A chain root/d1/d2/…/d`depth`, each directory also holding a file.
    static func chain(depth: Int, extraRootEntries: [SourceNode] = []) -> SourceTree {
        var node: SourceNode? = nil
        for level in stride(from: depth, through: 1, by: -1) {
            let children = [SourceNode(name: "f\(level)")] + (node.map { [$0] } ?? [])
            node = SourceNode(name: "d\(level)", kind: .directory, mode: 0o040755, children: children)
        }
        return SourceTree(
            root: SourceNode(
                name: "", kind: .directory, mode: 0o040755, children: (node.map { [$0] } ?? []) + extraRootEntries))
    }

    static func path(to level: Int) -> [String] { (1...level).map { "d\($0)" } }

    @Test func shallowTreeStaysPut() {
        let plan = RelocationPlan.plan(Self.chain(depth: 7))
        #expect(plan.isEmpty)
        #expect(plan.movedDirectoryName == "rr_moved")
    }

    @Test func levelNineMoves() {
        // root is level 1, so d7 is level 8 (may hold files, no directories) and d8 is level 9.
        #expect(RelocationPlan.plan(Self.chain(depth: 7)).relocated == [])
        #expect(RelocationPlan.plan(Self.chain(depth: 8)).relocated == [Self.path(to: 8)])
    }

    @Test func twelveLevelTreeMovesOneDirectory() {
        let plan = RelocationPlan.plan(Self.chain(depth: 12))
        #expect(plan.relocated == [Self.path(to: 8)])
        #expect(plan.isRelocated(Self.path(to: 8)))
        #expect(!plan.isRelocated(Self.path(to: 9)))
        #expect(plan.maxDepth == 8)
    }

    @Test func veryDeepTreeMovesAgainFromItsNewPlace() {
        // d8 moves to level 3, so d14 reaches level 9 and moves too, then d20.
        let plan = RelocationPlan.plan(Self.chain(depth: 20))
        #expect(plan.relocated == [Self.path(to: 8), Self.path(to: 14), Self.path(to: 20)])
        #expect(
            RelocationPlan.plan(Self.chain(depth: 6), maxDepth: 4).relocated == [Self.path(to: 4), Self.path(to: 6)])
    }

    @Test func relocationDirectoryNameAvoidsExistingEntries() {
        let taken = [SourceNode(name: "rr_moved", kind: .directory, mode: 0o040755), SourceNode(name: "RR_MOVED1")]
        #expect(RelocationPlan.plan(Self.chain(depth: 12, extraRootEntries: taken)).movedDirectoryName == "rr_moved2")
        let clash = [SourceNode(name: "RR.MOVED", kind: .directory, mode: 0o040755)]
        #expect(RelocationPlan.plan(Self.chain(depth: 12, extraRootEntries: clash)).movedDirectoryName == "rr_moved1")
    }

    /// genisoimage (and xorriso with `-rr_reloc_dir`) move the same directories of a scanned 20-level tree.
    @Test(arguments: ["genisoimage", "xorriso"])
    func matchesRealTools(tool: String) async throws {
        try #require(Oracle.available(tool, "isoinfo"))
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        try FileTree.write([
            "src/" + Self.path(to: 20).joined(separator: "/") + "/leaf.txt": .text("leaf"),
            "src/" + Self.path(to: 12).joined(separator: "/") + "/side/deeper/x": .text("x"),
        ], under: fixture.path)
        let tree = try SourceTree.scan(directory: fixture.path("src"))
        let plan = RelocationPlan.plan(tree)
        // side/deeper sits at level 9 under the moved d8 (d8 level 3, …, d12 level 7, side 8).
        #expect(
            plan.relocated == [
                Self.path(to: 8), Self.path(to: 14), Self.path(to: 20), Self.path(to: 12) + ["side", "deeper"],
            ])

        let image = fixture.path("deep.iso")
        if tool == "xorriso" {
            let arguments = [
                "-as", "mkisofs", "-quiet", "-R", "-rr_reloc_dir", "rr_moved", "-o", image, fixture.path("src"),
            ]
            try await Tool.run("xorriso", arguments, environment: Tool.reproducibleEnvironment)
        } else {
            let arguments = ["-quiet", "-R", "-o", image, fixture.path("src")]
            try await Tool.run("genisoimage", arguments, environment: Tool.reproducibleEnvironment)
        }
        let moved = try await IsoinfoListing.read(image: image).names(in: "/RR_MOVED/")
        let expected = ISOName.identifiers(
            for: plan.relocated.compactMap(\.last), areDirectories: plan.relocated.map { _ in true })
        #expect(Set(moved) == Set(expected))
    }
}
