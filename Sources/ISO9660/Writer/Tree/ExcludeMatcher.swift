#if canImport(Glibc)
import Glibc
#endif

/// Decides which entries ``ScanOptions/excludes`` and ``SourceTree/excluding(_:)`` leave out: an entry goes when
/// its path from the root (no leading `/`) or its name matches one of the `fnmatch(3)` patterns.
struct ExcludeMatcher: Sendable {
    let patterns: [String]

    /// Whether the entry with these name bytes, at this path from the root, is left out.
    func matches(relativePath: [UInt8], name: [UInt8]) -> Bool {
        guard !patterns.isEmpty else { return false }
        let path = relativePath + [0]
        let leaf = name + [0]
        return patterns.contains { pattern in
            path.withUnsafeBufferPointer { p in
                leaf.withUnsafeBufferPointer { l in
                    p.withMemoryRebound(to: CChar.self) { pc in
                        l.withMemoryRebound(to: CChar.self) { lc in
                            fnmatch(pattern, pc.baseAddress, 0) == 0 || fnmatch(pattern, lc.baseAddress, 0) == 0
                        }
                    }
                }
            }
        }
    }
}
