import Synchronization
import Testing

@testable import BinaryIO

@Suite("ProgressCounter")
struct ProgressCounterTests {
    /// Collects what an observer is shown.
    final class Recorder: Sendable {
        let seen = Mutex<[ProgressSnapshot]>([])

        var snapshots: [ProgressSnapshot] { seen.withLock { $0 } }

        func observe(_ snapshot: ProgressSnapshot) { seen.withLock { $0.append(snapshot) } }
    }

    @Test("counts bytes and files against the totals, and shows the observer every update in order")
    func counts() {
        let recorder = Recorder()
        let counter = ProgressCounter(totalBytes: 10_000, totalFiles: 3, observer: recorder.observe)
        #expect(counter.snapshot == ProgressSnapshot(bytes: 0, totalBytes: 10_000, files: 0, totalFiles: 3))
        #expect(recorder.snapshots.isEmpty)

        counter.advance(bytes: 4096, files: 1)
        counter.advance(bytes: 2048, files: 0)
        counter.advance(bytes: 0, files: 1)
        #expect(counter.snapshot == ProgressSnapshot(bytes: 6144, totalBytes: 10_000, files: 2, totalFiles: 3))
        #expect(recorder.snapshots.map(\.bytes) == [4096, 6144, 6144])
        #expect(recorder.snapshots.map(\.files) == [1, 1, 2])
        #expect(recorder.snapshots.allSatisfy { $0.totalBytes == 10_000 && $0.totalFiles == 3 })
    }

    @Test("the silent counter counts without an observer")
    func silent() {
        let counter = ProgressCounter.silent
        counter.advance(bytes: 5, files: 2)
        #expect(counter.snapshot == ProgressSnapshot(bytes: 5, totalBytes: 0, files: 2, totalFiles: 0))
    }

    @Test("updates from many tasks are all counted and all observed")
    func concurrent() async {
        let recorder = Recorder()
        let counter = ProgressCounter(totalBytes: 100 * 2048, totalFiles: 100, observer: recorder.observe)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask { counter.advance(bytes: 2048, files: 1) }
            }
        }
        #expect(counter.snapshot.bytes == 100 * 2048 && counter.snapshot.files == 100)
        let seen = recorder.snapshots
        #expect(seen.count == 100)
        // Each update saw a distinct total: none was lost or counted twice.
        #expect(Set(seen.map(\.files)) == Set(1...100))
    }
}
