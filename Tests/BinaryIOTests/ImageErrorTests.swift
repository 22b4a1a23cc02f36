import Testing

@testable import BinaryIO

@Suite("ImageError")
struct ImageErrorTests {
    struct Other: Error, CustomStringConvertible {
        var description: String { "something else" }
    }

    static let truncated = DecodeError.truncated(
        structure: "directory record", offset: 0x1A800, needed: 34, available: 7)

    @Test("prints the image path once, then the underlying error")
    func description() {
        let error = ImageError(image: "debian.iso", underlying: Self.truncated)
        #expect(error.description == "debian.iso: directory record at 0x1a800 (LBA 53): 7 bytes, need 34")
    }

    @Test("wrap returns the body's value and wraps what it throws with the image")
    func wrap() throws {
        #expect(try ImageError.wrap(image: "a.iso") { "ok" } == "ok")
        do {
            _ = try ImageError.wrap(image: "a.iso") { throw Self.truncated }
            Issue.record("expected an error")
        } catch let error as ImageError {
            #expect(error.image == "a.iso")
            #expect(error.underlying as? DecodeError == Self.truncated)
        }
        do {
            _ = try ImageError.wrap(image: "a.iso") { throw Other() }
            Issue.record("expected an error")
        } catch let error as ImageError {
            #expect(error.description == "a.iso: something else")
        }
    }

    @Test("wrap adds no second path: an ImageError, or an IOError about the same image, passes through")
    func noDoublePath() throws {
        do {
            _ = try ImageError.wrap(image: "outer.iso") {
                throw ImageError(image: "inner.iso", underlying: Self.truncated)
            }
            Issue.record("expected an error")
        } catch let error as ImageError {
            #expect(error.image == "inner.iso")
        }
        let sameFile = IOError("read", path: "a.iso", errno: .ioError)
        #expect(throws: sameFile) { try ImageError.wrap(image: "a.iso") { throw sameFile } }

        // An IOError about another file (a source file of the image, say) still gets the image path.
        do {
            _ = try ImageError.wrap(image: "a.iso") {
                throw IOError("open", path: "tree/file", errno: .permissionDenied)
            }
            Issue.record("expected an error")
        } catch let error as ImageError {
            #expect(error.underlying as? IOError == IOError("open", path: "tree/file", errno: .permissionDenied))
        }
    }
}
