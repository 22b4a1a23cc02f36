import Testing

@testable import TestSupport

@Suite("IsoinfoListing")
struct IsoinfoListingTests {
    /// `isoinfo -l -R` output for a small tree (xorriso 1.5.4 image), trailing spaces as isoinfo prints them.
    static let rockRidge = """

        Directory listing of /
        drwxr-xr-x   1    0    0            2048 Nov 14 2023 [     19 02]  . 
        drwxr-xr-x   1    0    0            2048 Nov 14 2023 [     19 02]  .. 
        -rw-r--r--   1    0    0               3 Nov 14 2023 [     33 00]  a file.txt 
        lrwxrwxrwx   1    0    0               0 Nov  4 2023 [     32 00]  link -> a file.txt
        drwxr-xr-x   1    0    0            2048 Nov 14 2023 [     21 02]  sub 

        Directory listing of /sub/
        drwxr-xr-x   1    0    0            2048 Nov 14 2023 [     21 02]  . 
        drwxr-xr-x   1    0    0            2048 Nov 14 2023 [     19 02]  .. 

        """

    @Test("parses every record of every directory, names with spaces and links included")
    func parses() {
        let listing = IsoinfoListing(parsing: Self.rockRidge)
        #expect(listing.directories.keys.sorted() == ["/", "/sub/"])
        #expect(listing.names(in: "/") == ["a file.txt", "link", "sub"])
        #expect(listing.names(in: "/sub/") == [])
        #expect(listing.entries(in: "/sub/").map(\.name) == [".", ".."])
        #expect(listing.entries(in: "/missing/") == [])

        let root = listing.entries(in: "/")
        #expect(
            root[2]
                == IsoinfoListing.Entry(name: "a file.txt", mode: "-rw-r--r--", size: 3, extentLBA: 33, flags: 0))
        #expect(root[3].symlinkTarget == "a file.txt" && root[3].name == "link")
        #expect(root[4].isDirectory && root[4].flags == 2 && root[4].extentLBA == 21 && root[4].size == 2048)
        #expect(!root[2].isDirectory)
    }

    @Test("lines that are not records are ignored")
    func ignoresOtherLines() {
        let listing = IsoinfoListing(parsing: "Setting input-charset to 'UTF-8'\nno listing here\n")
        #expect(listing.directories.isEmpty)
        #expect(IsoinfoListing.entry("----------   0    0    0     3 Nov 14 2023 [ 33 00]") == nil)
    }

    @Test("reads the listing of a real image", .oracles("xorriso", "isoinfo"))
    func readsImage() async throws {
        let directory = try TemporaryDirectory()
        try FileTree.write(["tree/Hello World.txt": .text("hi\n"), "tree/sub/x": .text("x")], under: directory.path)
        let iso = directory.path("t.iso")
        try await Tool.run(
            "xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-o", iso, directory.path("tree")],
            environment: Tool.reproducibleEnvironment)
        #expect(try await IsoinfoListing.read(image: iso).names() == ["HELLO_WO.TXT;1", "SUB"])
        #expect(try await IsoinfoListing.read(image: iso, joliet: true).names() == ["Hello World.txt", "sub"])
        let rockRidge = try await IsoinfoListing.read(image: iso, rockRidge: true)
        #expect(rockRidge.names(in: "/sub/") == ["x"])
        #expect(rockRidge.entries(in: "/sub/").last?.mode == "-rw-r--r--")
    }
}
