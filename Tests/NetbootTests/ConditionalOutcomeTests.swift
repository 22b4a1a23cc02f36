import Netboot
import Testing

@Suite("ConditionalOutcome")
struct ConditionalOutcomeTests {
    static let validators = Validators(entityTag: "\"abc\"", lastModified: 1_700_000_000)
    static let date = HTTPDate.format(1_700_000_000)

    static func outcome(_ headers: [String: String]) -> ConditionalOutcome {
        ConditionalOutcome(header: { headers[$0] }, validators: validators)
    }

    @Test("RFC 9110 §13.2.2 order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since, If-Range")
    func order() {
        #expect(Self.outcome([:]) == .proceed(useRange: true))
        #expect(Self.outcome(["If-None-Match": "\"abc\""]) == .notModified)
        #expect(Self.outcome(["If-None-Match": "W/\"abc\", \"x\""]) == .notModified)
        #expect(Self.outcome(["If-None-Match": "*"]) == .notModified)
        #expect(Self.outcome(["If-None-Match": "\"other\""]) == .proceed(useRange: true))
        // If-None-Match wins over If-Modified-Since
        #expect(Self.outcome(["If-None-Match": "\"other\"", "If-Modified-Since": Self.date]) == .proceed(useRange: true))
        #expect(Self.outcome(["If-Modified-Since": Self.date]) == .notModified)
        #expect(Self.outcome(["If-Modified-Since": HTTPDate.format(1_600_000_000)]) == .proceed(useRange: true))
        #expect(Self.outcome(["If-Modified-Since": "yesterday"]) == .proceed(useRange: true))
        #expect(Self.outcome(["If-Match": "\"other\""]) == .preconditionFailed)
        #expect(Self.outcome(["If-Match": "W/\"abc\""]) == .preconditionFailed)
        #expect(Self.outcome(["If-Match": "\"abc\""]) == .proceed(useRange: true))
        #expect(Self.outcome(["If-Unmodified-Since": HTTPDate.format(1_600_000_000)]) == .preconditionFailed)
    }

    @Test("If-Range: a strong tag or the exact date keeps the Range; anything else drops it")
    func ifRange() {
        #expect(Self.outcome(["Range": "bytes=0-1", "If-Range": "\"abc\""]) == .proceed(useRange: true))
        #expect(Self.outcome(["Range": "bytes=0-1", "If-Range": "\"old\""]) == .proceed(useRange: false))
        #expect(Self.outcome(["Range": "bytes=0-1", "If-Range": "W/\"abc\""]) == .proceed(useRange: false))
        #expect(Self.outcome(["Range": "bytes=0-1", "If-Range": Self.date]) == .proceed(useRange: true))
        #expect(Self.outcome(["Range": "bytes=0-1", "If-Range": HTTPDate.format(1)]) == .proceed(useRange: false))
    }
}
