import ISO9660
import Testing

/// What every workflow must do with a damaged image.
enum Expected: Sendable {
    /// Every read and both extractions succeed (the damage is harmless or ignored).
    case readable
    /// Every read and both extractions fail with exactly this error, wrapped in an `ImageError` naming the image.
    case rejected(ISO9660Error)
    /// Every read and both extractions fail with a ``DecodeError/truncated(structure:offset:needed:available:)``.
    case truncated
    /// Reads succeed, but two entries of one directory want the same host name: extraction without `overwrite`
    /// fails with an `IOError` about a path inside the target, and with `overwrite` it succeeds or fails the same way.
    case hostConflict
    /// Reads succeed; both extractions fail with exactly this error (a limit only extraction has).
    case extractionRejected(ISO9660Error)
    /// Each workflow succeeds or fails with an `ISO9660Error` (for sweeps over many cut points).
    case readableOrRejected
}

/// One kind of damage done to a valid image in place, and what reading the result must do.
struct Damage: Sendable, CustomTestStringConvertible {
    /// What is broken, for the test name.
    var name: String
    /// The images the damage applies to (xorriso writes no relocation directories, for example).
    var makers: [MalformedFixture.Maker] = MalformedFixture.Maker.allCases
    /// The namespace the workflows read.
    var namespace: Namespace = .auto
    /// Damages the fixture's image and returns what must happen.
    var apply: @Sendable (MalformedFixture) throws -> Expected

    var testDescription: String { name }

    init(
        _ name: String, makers: [MalformedFixture.Maker] = MalformedFixture.Maker.allCases,
        namespace: Namespace = .auto, apply: @escaping @Sendable (MalformedFixture) throws -> Expected
    ) {
        self.name = name
        self.makers = makers
        self.namespace = namespace
        self.apply = apply
    }

    /// Every damage, by group.
    static let all: [Damage] = truncations + structures + loops + rockRidgeNames + collisions

    /// The damages that apply to images made by `maker`.
    static func all(for maker: MalformedFixture.Maker) -> [Damage] { all.filter { $0.makers.contains(maker) } }
}
