#if canImport(Glibc)
import Glibc
#endif

/// Runs blocking work (long copies, whole-file hashes, fsyncs) on a thread of its own, so it never holds one of
/// Swift's cooperative threads. There are only as many of those as cores, and async servers and other tasks in the
/// same process stall while one of them waits on a disk.
public enum BlockingWork {
    /// Runs `body` on a new detached thread and returns its result. If no thread can be created, `body` runs on the
    /// calling task's thread instead: slower for the other tasks, same result.
    /// - Parameter body: The blocking work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job = BlockingJob { continuation.resume(with: Result(catching: body)) }
            let context = Unmanaged.passRetained(job).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                Unmanaged<BlockingJob>.fromOpaque(context).takeRetainedValue().work()
                return nil
            }, context)
            if status == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<BlockingJob>.fromOpaque(context).release()
                job.work()
            }
        }
    }
}

/// The closure a ``BlockingWork`` thread runs, boxed so it can travel through `pthread_create`'s context pointer.
private final class BlockingJob: Sendable {
    let work: @Sendable () -> Void

    init(_ work: @escaping @Sendable () -> Void) {
        self.work = work
    }
}
