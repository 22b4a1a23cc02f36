import Glibc
import Synchronization
import Testing

@testable import BinaryIO

@Suite("BlockingWork")
struct BlockingWorkTests {
    struct WorkFailed: Error, Equatable {}

    /// How many bodies have started, shared by all of them.
    final class StartCount: Sendable {
        let value = Atomic<Int>(0)
    }

    @Test("returns the body's value and rethrows its error")
    func resultAndError() async throws {
        #expect(try await BlockingWork.run { 6 * 7 } == 42)
        await #expect(throws: WorkFailed()) { try await BlockingWork.run { throw WorkFailed() } }
    }

    @Test("bodies run on threads of their own: more of them than cores can wait for each other at once")
    func ownThreads() async throws {
        let jobs = max(8, 4 * sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let started = StartCount()
        let met = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<jobs {
                group.addTask {
                    try await BlockingWork.run {
                        started.value.add(1, ordering: .sequentiallyConsistent)
                        // A barrier: every body blocks until all have started, which can only happen when none of
                        // them holds a cooperative thread. Gives up after 20 s so a regression fails instead of hanging.
                        for _ in 0..<2000 where started.value.load(ordering: .sequentiallyConsistent) < jobs {
                            usleep(10_000)
                        }
                        return started.value.load(ordering: .sequentiallyConsistent) == jobs
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(met == Array(repeating: true, count: jobs))
    }
}
