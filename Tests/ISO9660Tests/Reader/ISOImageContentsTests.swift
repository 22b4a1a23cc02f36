import BinaryIO
import Foundation
import ISO9660
import TestSupport
import Testing

@Suite("ISOImage contents")
struct ISOImageContentsTests {
    @Test("a file's bytes, a directory and a file over the limit")
    func contents() async throws {
        try await withTemporaryDirectory { directory in
            let text = String(repeating: "menuentry line\n", count: 400)
            try FileTree.write(["tree/boot/grub/grub.cfg": .text(text)], under: directory)
            _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/a.iso", options: ISOWriterOptions())
            let image = try ISOImage(path: directory + "/a.iso")
            #expect(try image.contents(of: "/boot/grub/grub.cfg") == Array(text.utf8))
            #expect(throws: ImageError.self) { try image.contents(of: "/boot/grub") }
            let error = #expect(throws: ImageError.self) { try image.contents(of: "/boot/grub/grub.cfg", limitBytes: 100) }
            #expect(error?.underlying as? ISO9660Error == .limitExceeded(what: "bytes to read", path: "/boot/grub/grub.cfg", limit: 100))
        }
    }
}
