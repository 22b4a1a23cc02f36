import NIOPosix

/// Runs blocking file-system work (directory reads inside an image) on NIO's thread pool, off the cooperative pool.
enum NIOThreadPoolBridge {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
