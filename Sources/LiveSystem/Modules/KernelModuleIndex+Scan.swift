import ELF
import Foundation

extension KernelModuleIndex {
    /// Every module file under ``searchDirectories`` of `directory`, with its `.modinfo`, in priority then path
    /// order.
    /// - Throws: ``KernelModuleError/notAModulesDirectory(path:)`` when none of the directories exists,
    ///   ``BinaryIO/ImageError`` for a module that can't be read.
    static func scan(_ directory: String) throws -> [KernelModule] {
        let files = FileManager.default
        var found = false
        var modules: [KernelModule] = []
        for top in searchDirectories {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: directory + "/" + top, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                continue
            }
            found = true
            let relative = (files.enumerator(atPath: directory + "/" + top)?.allObjects as? [String]) ?? []
            for path in relative.sorted() where KernelModule.name(fromPath: path) != nil {
                modules.append(try module(at: top + "/" + path, in: directory))
            }
        }
        guard found else { throw KernelModuleError.notAModulesDirectory(path: directory) }
        return modules
    }

    /// The module at `path` (relative to `directory`), described by its `.modinfo`.
    static func module(at path: String, in directory: String) throws -> KernelModule {
        let info = try KernelModuleFile.moduleInfo(at: directory + "/" + path)
        let fileName = KernelModule.name(fromPath: path) ?? path
        return KernelModule(
            name: info.name.map(KernelModule.normalizedName) ?? fileName, path: path,
            dependencies: info.depends.map(KernelModule.normalizedName),
            softdepPre: info.softdepPre.map(KernelModule.normalizedName), aliases: info.aliases)
    }
}
