/// ``CompressionFormat/none``: copies input to output.
final class CopyCodec: StreamCodec {
    let format = CompressionFormat.none

    func step(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, finishing: Bool, inputOffset: Int64
    ) throws(CompressionError) -> CodecStep {
        let count = min(input.count, output.count)
        if count > 0, let source = input.baseAddress, let target = output.baseAddress {
            target.copyMemory(from: source, byteCount: count)
        }
        return CodecStep(consumed: count, produced: count, finished: finishing)
    }
}
