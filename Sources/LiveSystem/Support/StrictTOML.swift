import Foundation
import TOMLKit

/// Reads TOML files strictly (an unknown key is an error) into `Decodable` values, with messages that name the key
/// or the line and column: the recipe of `isokit build`, the hosts file of `isokit netboot serve`.
public enum StrictTOML {
    /// Why a file could not be read: what to tell the user after its path.
    public struct Failure: Error, Hashable, Sendable {
        /// The file.
        public var path: String
        /// The TOML error with its position, the unknown keys, or the key of the wrong type.
        public var reason: String
    }

    /// Reads and decodes the file at `path`.
    /// - Throws: ``Failure`` naming the file and the problem.
    public static func decode<Value: Decodable>(_ type: Value.Type, from path: String) throws(Failure) -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(path: path, reason: "cannot read the file")
        }
        do {
            return try TOMLDecoder(strictDecoding: true).decode(type, from: String(decoding: data, as: UTF8.self))
        } catch let error as TOMLParseError {
            throw Failure(
                path: path,
                reason: "\(error.description) at line \(error.source.begin.line), column \(error.source.begin.column)")
        } catch let error as UnexpectedKeysError {
            throw Failure(path: path, reason: "unknown keys: " + error.keys.keys.sorted().joined(separator: ", "))
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Failure(path: path, reason: "\(key): expected \(type)")
        } catch let DecodingError.keyNotFound(key, context) {
            // TOMLKit reports a value of the wrong type as a missing key.
            let name = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw Failure(path: path, reason: "\(name): missing, or not of the expected type")
        } catch {
            throw Failure(path: path, reason: "\(error)")
        }
    }
}
