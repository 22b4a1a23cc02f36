import BinaryIO
import Foundation

extension KernelModuleIndex {
    /// The modules listed in `modules.dep`: `path: dependency-path …` per line, paths relative to the directory.
    /// - Throws: ``KernelModuleError/malformedIndexFile(path:line:reason:)`` for a line without `:` or a path that
    ///   is not a module file; ``BinaryIO/IOError`` if the file can't be read.
    static func readModulesDep(in directory: String) throws -> [KernelModule] {
        let file = directory + "/modules.dep"
        return try parseModulesDep(try readText(file), path: file)
    }

    /// Parses the text of a `modules.dep` file; `path` names it in errors.
    static func parseModulesDep(_ text: String, path: String) throws -> [KernelModule] {
        var modules: [KernelModule] = []
        for (number, line) in lines(text) {
            guard let colon = line.firstIndex(of: ":") else {
                throw KernelModuleError.malformedIndexFile(
                    path: path, line: number, reason: "no ':' after the module path")
            }
            let modulePath = String(line[..<colon])
            let dependencyPaths = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            guard let name = KernelModule.name(fromPath: modulePath) else {
                throw KernelModuleError.malformedIndexFile(
                    path: path, line: number, reason: "\(modulePath) is not a module file")
            }
            var dependencies: [String] = []
            for dependency in dependencyPaths {
                guard let dependencyName = KernelModule.name(fromPath: dependency) else {
                    throw KernelModuleError.malformedIndexFile(
                        path: path, line: number, reason: "dependency \(dependency) is not a module file")
                }
                dependencies.append(dependencyName)
            }
            // depmod lists dependencies so that the last loads first; keep them in load order.
            modules.append(KernelModule(name: name, path: modulePath, dependencies: dependencies.reversed()))
        }
        return modules
    }

    /// The plain aliases of `modules.alias` (`alias NAME MODULE` lines), or none if it is absent.
    /// - Throws: ``KernelModuleError/malformedIndexFile(path:line:reason:)`` for a line that is not `alias A M`.
    static func readAliases(in directory: String) throws -> [String: String] {
        let file = directory + "/modules.alias"
        guard FileManager.default.fileExists(atPath: file) else { return [:] }
        var aliases: [String: String] = [:]
        for (number, line) in lines(try readText(file)) where !line.hasPrefix("#") {
            let words = line.split(separator: " ")
            guard words.count == 3, words[0] == "alias" else {
                throw KernelModuleError.malformedIndexFile(
                    path: file, line: number, reason: "expected 'alias NAME MODULE'")
            }
            let alias = String(words[1])
            if !isPattern(alias), aliases[alias] == nil { aliases[alias] = KernelModule.normalizedName(words[2]) }
        }
        return aliases
    }

    /// The names in `modules.builtin` (one module path per line), or none if it is absent.
    static func readBuiltin(in directory: String) throws -> Set<String> {
        let file = directory + "/modules.builtin"
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        var names: Set<String> = []
        for (number, line) in lines(try readText(file)) {
            guard let name = KernelModule.name(fromPath: line) else {
                throw KernelModuleError.malformedIndexFile(
                    path: file, line: number, reason: "\(line) is not a module path")
            }
            names.insert(name)
        }
        return names
    }

    /// The plain aliases of built-in modules from `modules.builtin.modinfo` (`MODULE.alias=NAME` strings separated
    /// by NUL), or none if it is absent.
    static func readBuiltinAliases(in directory: String) throws -> [String: String] {
        let file = directory + "/modules.builtin.modinfo"
        guard FileManager.default.fileExists(atPath: file) else { return [:] }
        var aliases: [String: String] = [:]
        for entry in try readText(file).split(separator: "\0") {
            guard let dot = entry.firstIndex(of: "."), entry[dot...].hasPrefix(".alias=") else { continue }
            let alias = String(entry[entry.index(dot, offsetBy: ".alias=".count)...])
            if !isPattern(alias), aliases[alias] == nil { aliases[alias] = KernelModule.normalizedName(entry[..<dot]) }
        }
        return aliases
    }

    /// The non-empty lines of `text` with their 1-based numbers, without surrounding blanks or a trailing CR.
    static func lines(_ text: String) -> [(Int, Substring)] {
        let blanks = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\r"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: blanks)
            return trimmed.isEmpty ? nil : (index + 1, Substring(trimmed))
        }
    }

    /// The whole of a small index file, read with `pread`.
    static func readText(_ path: String) throws -> String {
        let reader = try ImageReader(path: path)
        guard reader.size <= Int64(KernelModuleFile.maximumSize) else {
            throw ImageError(
                image: path,
                underlying: DecodeError.fieldOutOfRange(
                    field: "index file size", offset: 0, value: UInt64(reader.size),
                    limit: UInt64(KernelModuleFile.maximumSize)))
        }
        let bytes = try reader.read(at: 0, count: Int(reader.size), structure: "index file")
        return String(decoding: bytes, as: UTF8.self)
    }
}
