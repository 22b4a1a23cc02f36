import SystemPackage

/// A system call on a named file failed.
public struct IOError: Error, Hashable, Sendable {
    /// What was being done, e.g. "open", "read", "rename".
    public var operation: String
    /// The file it was done to.
    public var path: String
    /// The system error.
    public var errno: Errno

    /// Creates an error for `operation` on `path`.
    public init(_ operation: String, path: String, errno: Errno) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }
}

extension IOError: CustomStringConvertible {
    public var description: String { "\(path): \(operation): \(errno)" }
}

extension IOError {
    /// Runs `body`, turning an `Errno` it throws into an ``IOError`` naming `operation` and `path`.
    public static func wrap<T>(_ operation: String, path: String, _ body: () throws -> T) throws(IOError) -> T {
        do {
            return try body()
        } catch let error as Errno {
            throw IOError(operation, path: path, errno: error)
        } catch {
            throw IOError(operation, path: path, errno: .ioError)
        }
    }
}
