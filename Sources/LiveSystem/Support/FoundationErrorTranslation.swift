import BinaryIO
import Foundation
import SystemPackage

/// Turns Foundation's file errors (`CocoaError` from `FileManager`) into ``BinaryIO/IOError``, which names the file,
/// the operation and the system error in one line, like every other isokit error.
enum FoundationErrorTranslation {
    /// Errors about the file being written rather than the one being read.
    static let writeSideErrors: Set<Errno> = [.noSpace, .readOnlyFileSystem, .fileTooLarge, .diskQuotaExceeded]

    /// `error` as an ``IOError`` if it is a Foundation file error with an underlying POSIX error; else unchanged.
    static func translated(_ error: any Error) -> any Error {
        guard let cocoa = error as? CocoaError else { return error }
        let code: Int32
        switch cocoa.underlying {
        case let posix as POSIXError: code = posix.code.rawValue
        case let object as NSError where object.domain == NSPOSIXErrorDomain: code = Int32(object.code)
        default: return error
        }
        let errno = Errno(rawValue: code)
        let source = cocoa.filePath
        let destination = cocoa.userInfo["NSDestinationFilePath"] as? String
        let operation = (cocoa.userInfo["NSUserStringVariant"] as? [String])?.first?.lowercased() ?? "file operation"
        guard let source, let destination else {
            return IOError(operation, path: source ?? destination ?? "?", errno: errno)
        }
        return writeSideErrors.contains(errno)
            ? IOError(operation + " from " + source, path: destination, errno: errno)
            : IOError(operation + " to " + destination, path: source, errno: errno)
    }
}
