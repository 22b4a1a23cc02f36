/// Why an image's live layout could not be worked out.
public enum LiveLayoutError: Error, Hashable, Sendable {
    /// No family's root file system was found; `looked` names each place checked.
    case noLiveRoot(image: String, looked: [String])
}

extension LiveLayoutError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noLiveRoot(let image, let looked):
            "\(image): no live root file system found (looked for " + looked.joined(separator: ", ") + ")"
        }
    }
}
