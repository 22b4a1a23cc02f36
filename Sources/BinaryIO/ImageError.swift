/// An error from a library call on a named image or file; the boundary of each library adds the path once.
public struct ImageError: Error, Sendable {
    /// The image or file the operation was about.
    public var image: String
    /// What went wrong inside it.
    public var underlying: any Error & Sendable

    /// Wraps `underlying` with the image path.
    public init(image: String, underlying: any Error & Sendable) {
        self.image = image
        self.underlying = underlying
    }

    /// Runs `body`, wrapping anything it throws (except an ``ImageError`` already naming a file) with `image`.
    public static func wrap<T>(image: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ImageError {
            throw error
        } catch let error as IOError where error.path == image {
            throw error
        } catch {
            throw ImageError(image: image, underlying: error)
        }
    }
}

extension ImageError: CustomStringConvertible {
    public var description: String { "\(image): \(underlying)" }
}
