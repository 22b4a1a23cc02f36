/// What a `wrk` run printed: the request count, socket errors and responses with a status of 400 or more
/// (wrk's "Non-2xx or 3xx responses"). wrk prints the last two lines only when they are not zero.
struct WrkReport: Hashable, Sendable {
    /// Requests completed.
    var requests: Int
    /// connect + read + write + timeout errors.
    var socketErrors: Int
    /// Responses with a status of 400 or more.
    var errorResponses: Int

    /// Creates a report from its counts.
    init(requests: Int, socketErrors: Int, errorResponses: Int) {
        self.requests = requests
        self.socketErrors = socketErrors
        self.errorResponses = errorResponses
    }

    /// Parses wrk's standard output.
    /// - Throws: ``WrkReportError`` when there is no "N requests in" line (wrk could not connect).
    init(output: String) throws {
        var requests: Int?
        socketErrors = 0
        errorResponses = 0
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(separator: " ")
            if line.contains(" requests in "), let count = words.first.flatMap({ Int($0) }) {
                requests = count
            } else if line.hasPrefix("Socket errors:") {
                // Socket errors: connect 0, read 0, write 0, timeout 0
                socketErrors = words.compactMap { Int($0.filter(\.isNumber)) }.reduce(0, +)
            } else if line.hasPrefix("Non-2xx or 3xx responses:") {
                errorResponses = words.last.flatMap { Int($0) } ?? -1
            }
        }
        guard let requests else { throw WrkReportError(output: output) }
        self.requests = requests
    }
}

/// wrk's output had no "N requests in" line.
struct WrkReportError: Error, CustomStringConvertible {
    var output: String
    var description: String { "wrk printed no request count:\n\(output)" }
}
