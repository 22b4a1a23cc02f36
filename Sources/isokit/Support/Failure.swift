import ArgumentParser
import BinaryIO
import BootConfig
import DiskFormats
import DiskWrite
import ISO9660
import LiveSystem
import Netboot
import QEMU
import Remaster
import SquashFS
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command body and turns library errors into one clear line on stderr and a sysexits code.
enum Failure {
    /// Exit codes (sysexits.h): 65 malformed image, 66 missing input (also a path or namespace the image does not hold), 73 cannot
    /// create output, 74 I/O.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("isokit: " + printable("\(error)"))
            throw ExitCode(code(for: error))
        }
    }

    /// ``run(_:)`` for async bodies that return a value.
    static func runAsync<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("isokit: " + printable("\(error)"))
            throw ExitCode(code(for: error))
        }
    }

    /// ``runAsync(_:)`` for a synchronous body that does long blocking work (writing or extracting an image): it
    /// runs through ``BlockingWork``, off Swift's cooperative threads.
    static func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await runAsync { try await BlockingWork.run(body) }
    }

    /// `text` with control characters escaped (`\n`, `\u{1B}`), so a name from an image can neither split the error
    /// line nor send escape sequences to the terminal.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += scalar.escaped(asASCII: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func code(for error: any Error) -> Int32 {
        if let code = xenCode(for: error) { return code }
        return switch error {
        case let error as ImageError: code(for: error.underlying)
        case ISO9660Error.notFound, ISO9660Error.notADirectory, ISO9660Error.missingNamespace, QEMUError.fileNotFound: 66
        case is ISO9660Error, is DecodeError: 65
        case LiveBuildError.invalidOption: 64
        case LiveBuildError.toolFailed: 71
        case is LiveBuildError: 66
        case RemasterError.outputIsInput, RemasterError.badDeletion: 64
        case RemasterError.badMenu, RemasterError.rootChangeUnsupported, is LiveLayoutError, is BootConfigError: 65
        case is RemasterError: 66
        case UnpackError.directoryNotEmpty, UnpackError.unsupportedCompressor, UnpackError.outputInsideTree: 73
        case UnpackError.corruptDescription, UnpackError.unsupportedVersion: 65
        case is UnpackError: 66
        case SquashFSTreeError.targetNotEmpty: 73
        case is SquashFSTreeError: 65
        case NetbootError.unreadableDirectory: 66
        case NetbootError.siteNotEmpty: 73
        case NetbootError.invalidListenAddress, NetbootError.invalidBaseURL: 64
        case NetbootError.invalidScript, NetbootError.invalidHosts, NetbootError.invalidImageScript: 65
        case NetbootError.unsupportedImageFormat: 64
        case NetbootError.missingComponent: 66
        case NetbootError.toolFailed: 71
        case DiskWriteError.targetIsImage, DiskWriteError.sizeOnBlockDevice, DiskWriteError.badSize, DiskWriteError.badLabel: 64
        case DiskWriteError.noPartitionTable: 65
        case DiskWriteError.toolFailed: 71
        case DiskWriteError.verifyMismatch: 74
        case is DiskWriteError: 73
        case is DiskFormatsError: 65
        case let error as IOError where error.errno == .noSuchFileOrDirectory && ["open", "resolve"].contains(error.operation): 66
        case let error as IOError where error.operation.hasPrefix("create") || error.operation.hasPrefix("rename"): 73
        case is IOError: 74
        default: 1
        }
    }
}
