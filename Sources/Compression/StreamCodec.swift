/// The result of one codec step.
struct CodecStep {
    /// Input bytes consumed.
    var consumed: Int
    /// Output bytes produced.
    var produced: Int
    /// Whether the stream is complete (compression: all flushed; decompression: at the end of a stream or frame,
    /// with all output flushed).
    var finished: Bool
}

/// One direction of one format around a C library stream. Implementations free their C state in `deinit`.
protocol StreamCodec: AnyObject {
    /// The format, for errors.
    var format: CompressionFormat { get }
    /// Moves bytes from `input` to `output`. `finishing` is set once the input has ended (`input` is then empty).
    func step(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, finishing: Bool, inputOffset: Int64
    ) throws(CompressionError) -> CodecStep
}

/// Runs a codec over a whole input, in bounded chunks.
enum CodecDriver {
    /// The chunk size of input and output buffers.
    static let chunkSize = 1 << 20

    /// Reads input through `read` (returning 0 at the end) and hands output chunks to `write`.
    /// - Throws: ``CompressionError`` from the codec, ``CompressionError/truncated(format:inputOffset:)`` if the
    ///   input ends inside a stream, or whatever `read` and `write` throw.
    static func run(
        _ codec: some StreamCodec, read: (UnsafeMutableRawBufferPointer) throws -> Int,
        write: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { input.deallocate() }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { output.deallocate() }
        var inputOffset: Int64 = 0
        while true {
            let count = try read(input)
            precondition(count >= 0 && count <= input.count, "read returned an impossible count")
            if count == 0 { break }
            var start = 0
            while start < count {
                let step = try codec.step(
                    input: UnsafeRawBufferPointer(rebasing: input[start..<count]), output: output, finishing: false,
                    inputOffset: inputOffset)
                start += step.consumed
                inputOffset += Int64(step.consumed)
                if step.produced > 0 { try write(UnsafeRawBufferPointer(rebasing: output[0..<step.produced])) }
                if step.consumed == 0 && step.produced == 0 && !step.finished {
                    throw CompressionError.corrupt(format: codec.format, inputOffset: inputOffset, message: "no progress")
                }
            }
        }
        while true {
            let step = try codec.step(
                input: UnsafeRawBufferPointer(start: nil, count: 0), output: output, finishing: true,
                inputOffset: inputOffset)
            if step.produced > 0 { try write(UnsafeRawBufferPointer(rebasing: output[0..<step.produced])) }
            if step.finished { return }
            if step.produced == 0 {
                throw CompressionError.truncated(format: codec.format, inputOffset: inputOffset)
            }
        }
    }
}
