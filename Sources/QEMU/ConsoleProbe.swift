import Subprocess
import Synchronization
import SystemPackage

/// Boots a machine under QEMU TCG and watches its serial console for a marker.
///
/// ```swift
/// let profile = MachineProfile(firmware: .uefi, media: [.cdrom(path: "live.iso")])
/// let result = try await ConsoleProbe.run(profile, expect: "login:", timeout: .seconds(60), log: "console.log")
/// print(result.matched, result.elapsedSeconds)
/// ```
///
/// QEMU is stopped (SIGKILL) as soon as the marker appears, when the timeout passes, and when the calling task is
/// cancelled; `run` returns only after the process has been reaped, so no QEMU is left behind.
public enum ConsoleProbe {
    /// How many bytes of standard error are kept to explain a QEMU failure.
    static let standardErrorLimit = 1 << 20

    /// Boots `profile` and waits until `marker` appears on the serial console or `timeout` passes.
    ///
    /// The marker is matched against the console text with escape sequences and control codes removed, so a marker
    /// drawn by GRUB or mirrored from the VGA screen by SeaBIOS is found, also when it is split across reads.
    /// - Parameters:
    ///   - profile: The machine to boot.
    ///   - marker: The text to wait for; not empty.
    ///   - timeout: How long to wait for the marker, counted from QEMU's start.
    ///   - log: If given, the raw console output (escape sequences included) is written to this file as it arrives.
    /// - Returns: Whether the marker appeared, after how long, and the end of the console text.
    /// - Throws: ``QEMUError/emptyMarker``; ``QEMUError/emulatorNotFound(name:searched:)``;
    ///   ``QEMUError/firmwareNotFound(tried:)`` for UEFI without OVMF (or without its Secure Boot build); ``QEMUError/fileNotFound(role:path:)`` for a
    ///   missing medium, kernel or initrd; ``QEMUError/emulatorFailed(status:standardError:)`` if QEMU fails before
    ///   the marker; ``QEMUError/hostIO(operation:path:reason:)`` for an unreadable input, the log or the OVMF variables;
    ///   `CancellationError` if the task is cancelled; and a `SubprocessError` if QEMU can't be started.
    public static func run(
        _ profile: MachineProfile, expect marker: String, timeout: Duration, log: String? = nil
    ) async throws -> ProbeResult {
        try await run(profile, expect: .text(marker), timeout: timeout, log: log)
    }

    /// Boots `profile` and waits until `pattern` matches the console text or `timeout` passes; `echo` sees every
    /// raw chunk of console output as it arrives (e.g. to show it on a terminal).
    ///
    /// - Throws: what ``run(_:expect:timeout:log:)`` throws, and ``QEMUError/invalidPattern(_:reason:)``.
    public static func run(
        _ profile: MachineProfile, expect pattern: ConsolePattern, timeout: Duration, log: String? = nil,
        echo: (@Sendable ([UInt8]) -> Void)? = nil
    ) async throws -> ProbeResult {
        try pattern.validate()
        try checkFilesExist(profile)
        let emulator = try Emulator.locate(profile.architecture.emulatorName)
        // An aarch64 machine has no BIOS: it always starts AAVMF.
        guard profile.firmware != .bios || profile.architecture == .aarch64 else {
            return try await launch(
                emulator, profile.arguments(), pattern: pattern, timeout: timeout, log: log, echo: echo)
        }
        let installed = try OVMFFirmware.locate(in: profile.architecture.uefiFirmwareLocations(for: profile.firmware))
        return try await installed.withPrivateVariables { firmware in
            try await launch(
                emulator, profile.arguments(uefi: firmware), pattern: pattern, timeout: timeout, log: log, echo: echo)
        }
    }

    /// Throws if a medium, kernel or initrd the profile names is missing or unreadable, before QEMU gives a vaguer
    /// message.
    static func checkFilesExist(_ profile: MachineProfile) throws(QEMUError) {
        var files = profile.media.map { ("boot medium", $0.path) }
        if let kernel = profile.kernel { files.append(("kernel", kernel)) }
        if let initrd = profile.initrd { files.append(("initrd", initrd)) }
        for (role, path) in files {
            let descriptor: FileDescriptor
            do {
                descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
            } catch .noSuchFileOrDirectory {
                throw .fileNotFound(role: role, path: path)
            } catch {
                throw .hostIO(operation: "open \(role)", path: path, reason: "\(error)")
            }
            try? descriptor.close()
        }
    }

    /// Runs QEMU with `arguments` and races the console reader against the timeout.
    static func launch(
        _ emulator: String, _ arguments: [String], pattern: ConsolePattern, timeout: Duration, log: String?,
        echo: (@Sendable ([UInt8]) -> Void)?
    ) async throws -> ProbeResult {
        let console = try ConsoleSink(pattern: pattern, logPath: log, echo: echo)
        defer { console.close() }
        let clock = ContinuousClock()
        let start = clock.now
        let execution = try await Subprocess.run(
            .path(FilePath(emulator)), arguments: Arguments(arguments), input: .none, output: .sequence,
            error: .string(limit: standardErrorLimit)
        ) { execution in
            try await withThrowingTaskGroup(of: ProbeOutcome.self) { group in
                group.addTask {
                    for try await chunk in execution.standardOutput {
                        if try console.consume(chunk.withUnsafeBytes { Array($0) }) { return .matched }
                    }
                    return .emulatorExited
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                }
                let outcome = try await group.next() ?? .emulatorExited
                let elapsed = start.duration(to: clock.now)
                if outcome != .emulatorExited {
                    // Kill first: the reader only finishes once QEMU's end of the pipe is closed.
                    await execution.teardown(using: [])
                }
                group.cancelAll()
                // The outcome is decided; the other task now ends by cancellation or end of output, which is expected.
                while await group.nextResult() != nil {}
                return (outcome, elapsed)
            }
        }
        try Task.checkCancellation()
        let (outcome, elapsed) = execution.closureResult
        if outcome == .emulatorExited, !execution.terminationStatus.isSuccess {
            throw QEMUError.emulatorFailed(
                status: "\(execution.terminationStatus)", standardError: execution.standardError)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return ProbeResult(outcome: outcome, elapsedSeconds: seconds, consoleTail: console.tail)
    }
}

/// The console reader's state, shared between the reading task and the caller: the marker scanner and the log.
private final class ConsoleSink: Sendable {
    private let scanner: Mutex<MarkerScanner>
    private let log: FileDescriptor?
    private let logPath: String
    private let echo: (@Sendable ([UInt8]) -> Void)?

    init(pattern: ConsolePattern, logPath: String?, echo: (@Sendable ([UInt8]) -> Void)?) throws(QEMUError) {
        scanner = Mutex(MarkerScanner(pattern: pattern))
        self.echo = echo
        self.logPath = logPath ?? ""
        guard let logPath else {
            log = nil
            return
        }
        do {
            log = try FileDescriptor.open(
                FilePath(logPath), .writeOnly, options: [.create, .truncate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch {
            throw .hostIO(operation: "create console log", path: logPath, reason: "\(error)")
        }
    }

    /// Logs a chunk and feeds it to the scanner; returns whether the marker has been seen.
    func consume(_ bytes: [UInt8]) throws(QEMUError) -> Bool {
        echo?(bytes)
        if let log {
            do {
                _ = try log.writeAll(bytes)
            } catch {
                throw .hostIO(operation: "write console log", path: logPath, reason: "\(error)")
            }
        }
        return scanner.withLock { $0.consume(bytes) }
    }

    /// The plain text seen last.
    var tail: String { scanner.withLock { $0.tail } }

    func close() {
        // The log was written with plain write(2) calls; a failing close loses nothing more.
        try? log?.close()
    }
}
