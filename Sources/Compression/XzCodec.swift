import CLZMA

/// xz through liblzma: the easy encoder with a CRC32 integrity check (the kernel's xz unpacker supports only
/// CRC32 and none, Documentation/staging/xz.rst), and the stream decoder for concatenated streams.
final class XzCodec: StreamCodec {
    let format = CompressionFormat.xz
    private var stream = lzma_stream()
    private let compressing: Bool
    /// `LZMA_CONCATENATED` (a function-like macro in lzma/container.h, so not imported): decode streams one after another.
    private static let concatenated: UInt32 = 0x08
    /// The most memory the decoder may use: a hostile header can ask for a 1.5 GiB dictionary; `xz -9` output
    /// needs 65 MiB.
    static let memoryLimit: UInt64 = 256 << 20

    init(compressing: Bool, level: Int) throws(CompressionError) {
        self.compressing = compressing
        let code =
            compressing
            ? lzma_easy_encoder(&stream, UInt32(level), LZMA_CHECK_CRC32)
            : lzma_stream_decoder(&stream, Self.memoryLimit, Self.concatenated)
        guard code == LZMA_OK else {
            throw .setupFailed(
                format: .xz, operation: compressing ? "lzma_easy_encoder" : "lzma_stream_decoder",
                code: Int(code.rawValue), message: Self.message(code))
        }
    }

    deinit { lzma_end(&stream) }

    func step(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, finishing: Bool, inputOffset: Int64
    ) throws(CompressionError) -> CodecStep {
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = input.count
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = output.count
        let code = lzma_code(&stream, finishing ? LZMA_FINISH : LZMA_RUN)
        let consumed = input.count - stream.avail_in
        let produced = output.count - stream.avail_out
        stream.next_in = nil
        stream.next_out = nil
        switch code {
        case LZMA_OK, LZMA_BUF_ERROR:
            return CodecStep(consumed: consumed, produced: produced, finished: false)
        case LZMA_STREAM_END:
            return CodecStep(consumed: consumed, produced: produced, finished: true)
        default:
            if compressing { throw .compressionFailed(format: .xz, code: Int(code.rawValue), message: Self.message(code)) }
            throw .corrupt(format: .xz, inputOffset: inputOffset + Int64(consumed), message: Self.message(code))
        }
    }

    private static func message(_ code: lzma_ret) -> String {
        switch code {
        case LZMA_MEM_ERROR: "out of memory"
        case LZMA_MEMLIMIT_ERROR: "needs more than \(memoryLimit >> 20) MiB of memory to decode"
        case LZMA_OPTIONS_ERROR: "unsupported options"
        case LZMA_FORMAT_ERROR: "not an xz stream"
        case LZMA_DATA_ERROR: "corrupt data"
        case LZMA_UNSUPPORTED_CHECK: "unsupported integrity check"
        case LZMA_PROG_ERROR: "invalid use of liblzma"
        default: "liblzma error \(code.rawValue)"
        }
    }
}
