import Foundation

/// A scratch directory for one build (or remaster), created beside the output (same file system, so a full disk shows up
/// during the build) and removed when the build ends, whether it succeeded or not.
public struct WorkDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates `DIR/.NAME.build-XXXXXX` for an output at `DIR/NAME`, creating `DIR` if needed.
    /// - Throws: `IOError`-style errors from the host when the directory cannot be made.
    public init(near output: String) throws {
        let parent = (output as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var template = Array("\(directory)/.\((output as NSString).lastPathComponent).build-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw LiveBuildError.badInput(path: directory, reason: "cannot create a work directory: \(String(cString: strerror(errno)))")
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Removes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
