import CZstd

/// Zstandard through libzstd's streaming API, with the 32-bit content checksum in each frame.
///
/// Decoding accepts concatenated frames, as `zstd -d` does.
final class ZstdCodec: StreamCodec {
    let format = CompressionFormat.zstd
    private let compressor: OpaquePointer?
    private let decompressor: OpaquePointer?
    /// Decoding: whether the last step ended a frame with all its output flushed.
    private var atFrameEnd = false

    init(compressing: Bool, level: Int) throws(CompressionError) {
        if compressing {
            compressor = ZSTD_createCCtx()
            decompressor = nil
            guard let context = compressor else {
                throw .setupFailed(format: .zstd, operation: "ZSTD_createCCtx", code: 0, message: "out of memory")
            }
            for (parameter, value) in [(ZSTD_c_compressionLevel, Int32(level)), (ZSTD_c_checksumFlag, 1)] {
                let code = ZSTD_CCtx_setParameter(context, parameter, value)
                guard ZSTD_isError(code) == 0 else {
                    throw .setupFailed(
                        format: .zstd, operation: "ZSTD_CCtx_setParameter", code: code,
                        message: String(cString: ZSTD_getErrorName(code)))
                }
            }
        } else {
            compressor = nil
            decompressor = ZSTD_createDCtx()
            guard decompressor != nil else {
                throw .setupFailed(format: .zstd, operation: "ZSTD_createDCtx", code: 0, message: "out of memory")
            }
        }
    }

    deinit {
        ZSTD_freeCCtx(compressor)
        ZSTD_freeDCtx(decompressor)
    }

    func step(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, finishing: Bool, inputOffset: Int64
    ) throws(CompressionError) -> CodecStep {
        if decompressor != nil && finishing && input.isEmpty && atFrameEnd {
            return CodecStep(consumed: 0, produced: 0, finished: true)
        }
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var target = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        if let compressor {
            let left = ZSTD_compressStream2(compressor, &target, &source, finishing ? ZSTD_e_end : ZSTD_e_continue)
            guard ZSTD_isError(left) == 0 else {
                throw .compressionFailed(
                    format: .zstd, code: left, message: String(cString: ZSTD_getErrorName(left)))
            }
            return CodecStep(consumed: source.pos, produced: target.pos, finished: finishing && left == 0)
        }
        let hint = ZSTD_decompressStream(decompressor, &target, &source)
        guard ZSTD_isError(hint) == 0 else {
            throw .corrupt(
                format: .zstd, inputOffset: inputOffset + Int64(source.pos), message: String(cString: ZSTD_getErrorName(hint)))
        }
        if source.pos > 0 || target.pos > 0 { atFrameEnd = hint == 0 }
        return CodecStep(consumed: source.pos, produced: target.pos, finished: finishing && atFrameEnd)
    }
}
