import SquashFS
import Testing

@Suite("SquashFSError")
struct SquashFSErrorTests {
    @Test("descriptions name the path and translate libsquashfs codes")
    func descriptions() {
        #expect(SquashFSError.library(operation: "write id table", path: "live.sqfs", code: -2).description
            == "live.sqfs: SquashFS: write id table: I/O error (libsquashfs error -2)")
        #expect(SquashFSError.library(operation: "x", path: "p", code: -99).description
            == "p: SquashFS: x: unknown libsquashfs error (libsquashfs error -99)")
        #expect(SquashFSError.unsupportedFileType(path: "/src/x", mode: 0o170644).description
            == "/src/x: SquashFS: unsupported file type (mode 0o170644)")
        #expect(SquashFSError.fileChanged(path: "/src/f", expectedBytes: 10, readBytes: 12).description
            == "/src/f: SquashFS: file changed while reading (12 bytes read, 10 expected)")
    }
}
