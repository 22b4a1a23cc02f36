import CLZ4

/// LZ4 in the legacy frame format (`lz4 -l`), the only LZ4 format the kernel unpacks an initramfs from
/// (lib/decompress_unlz4.c): the magic 0x184C2102 (little-endian), then blocks of at most 8 MiB of input, each
/// stored as a 32-bit little-endian compressed size and the compressed bytes. The format has no end marker and
/// no checksum; a magic where a block size is expected starts another stream.
final class LZ4LegacyCodec: StreamCodec {
    let format = CompressionFormat.lz4
    /// The input size of each block, fixed by the format.
    static let blockSize = 8 << 20
    static let magic: [UInt8] = [0x02, 0x21, 0x4C, 0x18]
    private let compressing: Bool
    private let level: Int32
    /// Compressing: input gathered for the current block. Decoding: the bytes of the current size field or block.
    private var staging: [UInt8] = []
    /// Decoding: how many bytes `staging` must hold; 4 while reading a magic or size field.
    private var needed = 4
    /// Decoding: whether `staging` holds a block (not a size field).
    private var readingBlock = false
    /// Whether the stream's magic has been written or read.
    private var sawMagic = false
    /// Output made but not yet handed out.
    private var pending: [UInt8] = []
    private var pendingStart = 0

    init(compressing: Bool, level: Int) {
        self.compressing = compressing
        self.level = Int32(level)
        staging.reserveCapacity(compressing ? Self.blockSize : 4)
    }

    func step(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, finishing: Bool, inputOffset: Int64
    ) throws(CompressionError) -> CodecStep {
        var produced = drain(into: output, at: 0)
        guard pendingStart == pending.count else { return CodecStep(consumed: 0, produced: produced, finished: false) }
        let consumed: Int
        if compressing {
            if !sawMagic {
                pending = Self.magic
                sawMagic = true
            }
            consumed = min(input.count, Self.blockSize - staging.count)
            staging.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<consumed]))
            if staging.count == Self.blockSize || (finishing && !staging.isEmpty) { try compressBlock() }
        } else {
            consumed = min(input.count, needed - staging.count)
            staging.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<consumed]))
            if staging.count == needed { try decodeField(at: inputOffset + Int64(consumed)) }
        }
        produced += drain(into: output, at: produced)
        let drained = pendingStart == pending.count
        let finished =
            compressing
            ? finishing && drained && staging.isEmpty
            : finishing && drained && sawMagic && staging.isEmpty && !readingBlock
        return CodecStep(consumed: consumed, produced: produced, finished: finished)
    }

    private func drain(into output: UnsafeMutableRawBufferPointer, at start: Int) -> Int {
        let count = min(pending.count - pendingStart, output.count - start)
        guard count > 0, let target = output.baseAddress else { return 0 }
        pending.withUnsafeBytes { raw in
            (target + start).copyMemory(from: raw.baseAddress! + pendingStart, byteCount: count)
        }
        pendingStart += count
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
        return count
    }

    // The `baseAddress!` below are of buffers that are never empty there (a block has at least one byte, and
    // `pending` holds the bytes being drained), so they can't be nil.
    private func compressBlock() throws(CompressionError) {
        let bound = Int(LZ4_compressBound(Int32(staging.count)))
        var block = [UInt8](repeating: 0, count: 4 + bound)
        let size = staging.withUnsafeBytes { source in
            block.withUnsafeMutableBytes { target in
                let from = source.baseAddress!.assumingMemoryBound(to: CChar.self)
                let to = (target.baseAddress! + 4).assumingMemoryBound(to: CChar.self)
                return level < 3
                    ? LZ4_compress_default(from, to, Int32(source.count), Int32(bound))
                    : LZ4_compress_HC(from, to, Int32(source.count), Int32(bound), level)
            }
        }
        guard size > 0 else { throw .compressionFailed(format: .lz4, code: Int(size), message: "block did not compress") }
        for index in 0..<4 { block[index] = UInt8(truncatingIfNeeded: UInt32(size) >> (8 * index)) }
        block.removeLast(bound - Int(size))
        pending += block
        staging.removeAll(keepingCapacity: true)
    }

    private func decodeField(at offset: Int64) throws(CompressionError) {
        defer { staging.removeAll(keepingCapacity: true) }
        if readingBlock {
            let capacity = Self.blockSize
            let start = pending.count
            pending += repeatElement(0, count: capacity)
            let size = staging.withUnsafeBytes { source in
                pending.withUnsafeMutableBytes { target in
                    LZ4_decompress_safe(
                        source.baseAddress!.assumingMemoryBound(to: CChar.self),
                        (target.baseAddress! + start).assumingMemoryBound(to: CChar.self), Int32(source.count),
                        Int32(capacity))
                }
            }
            guard size >= 0 else {
                throw .corrupt(format: .lz4, inputOffset: offset, message: "block does not decode")
            }
            pending.removeLast(capacity - Int(size))
            readingBlock = false
            needed = 4
            return
        }
        if staging == Self.magic {
            sawMagic = true
            return
        }
        guard sawMagic else { throw .corrupt(format: .lz4, inputOffset: offset - 4, message: "not an lz4 legacy stream") }
        let size = staging.reversed().reduce(0) { $0 << 8 | Int($1) }
        let limit = Int(LZ4_compressBound(Int32(Self.blockSize)))
        guard size > 0, size <= limit else {
            throw .corrupt(format: .lz4, inputOffset: offset - 4, message: "block size \(size) outside 1...\(limit)")
        }
        needed = size
        readingBlock = true
    }
}
