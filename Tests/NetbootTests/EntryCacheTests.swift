import NIOCore
import Testing

@testable import Netboot

@Suite("EntryCache")
struct EntryCacheTests {
    @Test("contents are kept up to the byte limit, then the cache starts over")
    func contentLimit() {
        let cache = EntryCache()
        let chunk = ByteBuffer(repeating: 7, count: Int(EntryCache.smallFileBytes))
        let fit = EntryCache.contentLimit / chunk.readableBytes
        for index in 0..<fit { cache.store(contents: chunk, at: "/f\(index)") }
        #expect(cache.contents(at: "/f0") == chunk)
        #expect(cache.contents(at: "/f\(fit - 1)") == chunk)
        cache.store(contents: chunk, at: "/one-more")
        #expect(cache.contents(at: "/f0") == nil)
        #expect(cache.contents(at: "/one-more") == chunk)
        #expect(cache.entry(at: "/f0") == nil)
    }
}
