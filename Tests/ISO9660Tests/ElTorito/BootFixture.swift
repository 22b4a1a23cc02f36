import BinaryIO
import Foundation
import Testing

/// Runs the oracle tools for the El Torito and system area tests.
///
/// With `ISOKIT_REQUIRE_ORACLES=1` a missing tool makes the test run and fail instead of being skipped.
enum BootOracle {
    /// Whether every tool in `names` is installed (always true when oracles are required).
    static func available(_ names: String...) -> Bool {
        if ProcessInfo.processInfo.environment["ISOKIT_REQUIRE_ORACLES"] == "1" { return true }
        return names.allSatisfy { path(of: $0) != nil }
    }

    /// The full path of `name`, searching `PATH` and the sbin directories.
    static func path(of name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `name`; returns standard output and throws on a non-zero exit.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
        let executable = try #require(path(of: name), "\(name) is not installed")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1700000000"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: outputData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BootOracleFailure(
                command: ([name] + arguments).joined(separator: " "),
                output: text + String(decoding: errorData, as: UTF8.self))
        }
        return text
    }
}

/// An oracle tool failed.
struct BootOracleFailure: Error, CustomStringConvertible {
    var command: String
    var output: String
    var description: String { "\(command) failed:\n\(output)" }
}

/// A temporary directory, removed when released.
final class BootScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("isokit-boot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func create(_ name: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func bytes(_ name: String, at offset: Int64, count: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path(name)))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    func write(_ bytes: [UInt8], to name: String, at offset: Int64) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path(name)))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(bytes))
    }

    func sparseFile(_ name: String, size: Int64) throws -> String {
        let file = path(name)
        try #require(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return file
    }
}

/// An ISO image made by xorriso with a BIOS boot image and an EFI image, as the El Torito and system area oracles.
struct BootFixture {
    /// Which xorriso recipe made the image.
    enum Recipe {
        /// `-b boot.img -no-emul-boot -boot-load-size 4 -boot-info-table -eltorito-alt-boot -e efi.img
        /// -no-emul-boot -isohybrid-gpt-basdat` with a 2048-byte boot image (no isohybrid MBR, so no GPT).
        case plain
        /// The grub-mkrescue recipe: an 8 KiB boot image with `--grub2-boot-info`, `--grub2-mbr boot_hybrid.img`,
        /// `--protective-msdos-label`, and the EFI image as GPT partition (`-efi-boot-part --efi-boot-image`).
        case grubHybrid
        /// BIOS, two EFI images and a second BIOS image: three sections, as xorriso groups them.
        case multiSection
    }

    static let grubHybridMBR = "/usr/lib/grub/i386-pc/boot_hybrid.img"

    let scratch: BootScratch
    /// The boot image as it was before xorriso patched it.
    let bootImage: [UInt8]
    let iso: String

    /// Deterministic filler bytes.
    static func pattern(count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }

    init(_ recipe: Recipe) throws {
        scratch = try BootScratch()
        bootImage = Self.pattern(count: recipe == .plain ? 2048 : 8192, seed: 7)
        try scratch.create("tree/boot/boot.img", bootImage)
        try scratch.create("tree/hello.txt", Array("hello\n".utf8))
        try BootOracle.run("mkfs.fat", ["-i", "12345678", "-C", scratch.path("tree/boot/efi.img"), "1440"])
        iso = scratch.path("fixture.iso")
        var arguments = ["-as", "mkisofs", "-quiet", "-o", iso]
        switch recipe {
        case .plain:
            arguments += [
                "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot", "-isohybrid-gpt-basdat",
            ]
        case .grubHybrid:
            arguments += [
                "--grub2-mbr", Self.grubHybridMBR, "--protective-msdos-label",
                "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", "--grub2-boot-info",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot", "-efi-boot-part", "--efi-boot-image",
            ]
        case .multiSection:
            try scratch.create("tree/boot/efi2.img", Self.pattern(count: 4096, seed: 9))
            arguments += [
                "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot",
                "-eltorito-alt-boot", "-e", "boot/efi2.img", "-no-emul-boot",
                "-eltorito-alt-boot", "-b", "boot/boot.img", "-no-emul-boot",
            ]
        }
        try BootOracle.run("xorriso", arguments + [scratch.path("tree")])
    }

    /// Bytes of the image.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        try scratch.bytes("fixture.iso", at: offset, count: count)
    }

    /// `xorriso -report_el_torito plain` / `-report_system_area plain` output lines starting with `prefix`,
    /// split into the fields after the colon.
    func report(_ what: String, lines prefix: String) throws -> [[String]] {
        let text = try BootOracle.run("xorriso", ["-indev", iso, "-report_\(what)", "plain"])
        return text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { line in
            let fields = line.split(separator: ":", maxSplits: 1)
            return fields.count < 2 ? [] : fields[1].split(separator: " ").map(String.init)
        }
    }
}
