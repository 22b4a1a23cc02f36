import BinaryIO
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writing to the terminal: results on stdout, diagnostics on stderr, progress only on a TTY.
enum Terminal {
    /// Prints a diagnostic line on stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints `value` as pretty JSON with sorted keys on stdout.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A progress observer drawing one line on stderr, or `nil` when quiet or stderr is not a terminal.
    static func progress(label: String, quiet: Bool) -> (@Sendable (ProgressSnapshot) -> Void)? {
        guard !quiet, isatty(2) == 1 else { return nil }
        let bar = ProgressLine(label: label)
        return { bar.update($0) }
    }
}

/// Progress lines for work that comes in labelled pieces (the layers, then the image of a live build): one line
/// per label, each finished before the next starts.
final class LabelledProgress: Sendable {
    private let lines = Mutex<[String: ProgressLine]>([:])

    /// An observer drawing a line per label on stderr, or `nil` when quiet or stderr is not a terminal.
    static func observer(quiet: Bool) -> (@Sendable (String, ProgressSnapshot) -> Void)? {
        guard !quiet, isatty(2) == 1 else { return nil }
        let progress = LabelledProgress()
        return { progress.update(label: $0, $1) }
    }

    func update(label: String, _ snapshot: ProgressSnapshot) {
        let line = lines.withLock { lines in
            if let line = lines[label] { return line }
            let line = ProgressLine(label: label)
            lines[label] = line
            return line
        }
        line.update(snapshot)
    }
}

/// A single self-overwriting progress line: bytes, files, rate and ETA, redrawn at most ten times a second.
final class ProgressLine: Sendable {
    private let label: String
    private let start = ContinuousClock.now
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    init(label: String) { self.label = label }

    func update(_ snapshot: ProgressSnapshot) {
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            let finished = snapshot.files == snapshot.totalFiles
            if !finished, let last, last.duration(to: now) < .milliseconds(100) { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = start.duration(to: now).components
        let seconds = max(0.001, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        let rate = Double(snapshot.bytes) / seconds
        let left = rate > 0 ? Double(snapshot.totalBytes - snapshot.bytes) / rate : 0
        let percent = snapshot.totalBytes > 0 ? Int(100 * snapshot.bytes / snapshot.totalBytes) : 100
        var line = "\r\(label) \(percent)% \(ByteCount.text(snapshot.bytes))/\(ByteCount.text(snapshot.totalBytes))"
        line += " \(snapshot.files)/\(snapshot.totalFiles) files \(ByteCount.text(Int64(rate)))/s ETA \(Int(left))s\u{1B}[K"
        if snapshot.files == snapshot.totalFiles { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Human-readable byte counts.
enum ByteCount {
    /// `1.5 MiB` style text.
    static func text(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
