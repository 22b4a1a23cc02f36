import CZlib

/// gzip through zlib's deflate/inflate with a gzip wrapper (window bits 15 + 16).
///
/// zlib writes a gzip header with no name, no comment and modification time 0, so output depends only on the input
/// and level. Decoding accepts concatenated members (RFC 1952 §2.2), as `gzip -d` does.
final class GzipCodec: StreamCodec {
    let format = CompressionFormat.gzip
    private var stream = z_stream()
    private let compressing: Bool
    /// Decoding: whether the last step ended a member and no byte of another one has been read.
    private var atMemberEnd = false

    init(compressing: Bool, level: Int) throws(CompressionError) {
        self.compressing = compressing
        let size = Int32(MemoryLayout<z_stream>.size)
        let code =
            compressing
            ? deflateInit2_(&stream, Int32(level), Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(), size)
            : inflateInit2_(&stream, 15 + 16, zlibVersion(), size)
        guard code == Z_OK else {
            throw .setupFailed(
                format: .gzip, operation: compressing ? "deflateInit2" : "inflateInit2", code: Int(code),
                message: Self.message(of: stream, code: code))
        }
    }

    deinit {
        if compressing { deflateEnd(&stream) } else { inflateEnd(&stream) }
    }

    func step(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, finishing: Bool, inputOffset: Int64
    ) throws(CompressionError) -> CodecStep {
        if !compressing && finishing && input.isEmpty && atMemberEnd {
            return CodecStep(consumed: 0, produced: 0, finished: true)
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let code = compressing ? deflate(&stream, finishing ? Z_FINISH : Z_NO_FLUSH) : inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        let produced = output.count - Int(stream.avail_out)
        stream.next_in = nil
        stream.next_out = nil
        switch code {
        case Z_OK, Z_BUF_ERROR:
            if consumed > 0 { atMemberEnd = false }
            return CodecStep(consumed: consumed, produced: produced, finished: false)
        case Z_STREAM_END:
            if compressing { return CodecStep(consumed: consumed, produced: produced, finished: true) }
            inflateReset(&stream)
            atMemberEnd = true
            return CodecStep(consumed: consumed, produced: produced, finished: finishing)
        default:
            let message = Self.message(of: stream, code: code)
            if compressing { throw .compressionFailed(format: .gzip, code: Int(code), message: message) }
            throw .corrupt(format: .gzip, inputOffset: inputOffset + Int64(consumed), message: message)
        }
    }

    private static func message(of stream: z_stream, code: Int32) -> String {
        if let text = stream.msg { return String(cString: text) }
        return String(cString: zError(code))
    }
}
