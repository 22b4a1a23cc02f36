/// Why a remaster stopped; each case names the path involved.
public enum RemasterError: Error, Hashable, Sendable {
    /// A `--delete` path that is not absolute, has `.`/`..` components or is not in the image.
    case badDeletion(path: String, reason: String)
    /// A `--patch` directory that is missing or not a directory.
    case badPatch(path: String, reason: String)
    /// Root file system changes asked of an image whose family cannot take them yet.
    case rootChangeUnsupported(image: String, family: String)
    /// A boot menu that could not be read or edited.
    case badMenu(path: String, reason: String)
    /// The output would overwrite the input.
    case outputIsInput(path: String)
}

extension RemasterError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .badDeletion(let path, let reason): "--delete \(path): \(reason)"
        case .badPatch(let path, let reason): "--patch \(path): \(reason)"
        case .rootChangeUnsupported(let image, let family):
            "\(image): adding to the root file system works on isokit images so far; this one is \(family)"
        case .badMenu(let path, let reason): "\(path): \(reason)"
        case .outputIsInput(let path): "\(path): the output is the input; write the remastered image elsewhere"
        }
    }
}
