/// Why a netboot catalog could not be built or the server could not start.
public enum NetbootError: Error, Hashable, Sendable {
    /// The ISO folder could not be listed.
    case unreadableDirectory(path: String, reason: String)
    /// `--listen` is not `HOST:PORT` with a port from 0 to 65535.
    case invalidListenAddress(String)
    /// `--base-url` is not an absolute `http://` or `https://` URL.
    case invalidBaseURL(String)
    /// The hosts file can't be read, is not valid TOML, or holds a bad entry.
    case invalidHosts(path: String, reason: String)
    /// The export target exists and is not an empty directory.
    case siteNotEmpty(path: String)
    /// The generated iPXE script would not be read as intended (a title or parameter iPXE can't hold).
    case invalidScript(reason: String)
    /// `netboot image`: the output's extension names no image this build can make.
    case unsupportedImageFormat(path: String, reason: String)
    /// `netboot image`: the `--chain` URL or the `--script` file (named by `path`) can't be embedded.
    case invalidImageScript(path: String, reason: String)
    /// `netboot image`: a file from a Debian package it needs is not installed.
    case missingComponent(path: String, package: String)
    /// `netboot image`: a tool it runs (`grub-mkimage`) could not start or failed.
    case toolFailed(command: String, message: String)
}

extension NetbootError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadableDirectory(path, reason): "\(path): can't list the ISO folder (\(reason))"
        case let .invalidListenAddress(value): "--listen \(value): expected HOST:PORT, such as 0.0.0.0:8080"
        case let .invalidBaseURL(value): "--base-url \(value): expected an http:// or https:// URL"
        case let .invalidScript(reason): "can't write the iPXE menu: \(reason)"
        case let .invalidHosts(path, reason): "\(path): \(reason)"
        case let .siteNotEmpty(path): "\(path): not empty; export into a new or empty directory"
        case let .unsupportedImageFormat(path, reason): "\(path): \(reason)"
        case let .invalidImageScript(path, reason): "\(path): \(reason)"
        case let .missingComponent(path, package): "\(path): missing (install the Debian package \(package))"
        case let .toolFailed(command, message): "\(command): \(message)"
        }
    }
}
