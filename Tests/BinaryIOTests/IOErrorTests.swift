import SystemPackage
import Testing

@testable import BinaryIO

@Suite("IOError")
struct IOErrorTests {
    struct Other: Error {}

    @Test("prints the path, the operation and the system error")
    func description() {
        let error = IOError("open", path: "/images/debian.iso", errno: .noSuchFileOrDirectory)
        #expect(error.description == "/images/debian.iso: open: \(Errno.noSuchFileOrDirectory)")
        #expect(error.description.hasPrefix("/images/debian.iso: open: "))
        #expect(error.operation == "open" && error.path == "/images/debian.iso")
        #expect(error.errno == .noSuchFileOrDirectory)
    }

    @Test("wrap names an Errno with the operation and path, and turns other errors into EIO")
    func wrap() throws {
        #expect(try IOError.wrap("read", path: "a.iso") { 7 } == 7)
        #expect(throws: IOError("read", path: "a.iso", errno: .permissionDenied)) {
            try IOError.wrap("read", path: "a.iso") { throw Errno.permissionDenied }
        }
        #expect(throws: IOError("write", path: "b.iso", errno: .ioError)) {
            try IOError.wrap("write", path: "b.iso") { throw Other() }
        }
    }
}
