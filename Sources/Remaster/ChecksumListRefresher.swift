import BinaryIO
import Crypto
import ISO9660

/// Keeps the checksum lists Debian-style images carry in their root (`md5sum.txt`, `sha256sum.txt`: `HEX  ./path`
/// lines, checked by `md5sum -c` and the installer's media check) true after a remaster: lines of changed files get
/// new sums, lines of removed files go, and new files are added at the end.
enum ChecksumListRefresher {
    /// The hash a list's lines hold.
    private enum Algorithm { case md5, sha256 }

    /// The list files and their hashes.
    private static let lists: [(path: String, algorithm: Algorithm)] = [("/md5sum.txt", .md5), ("/sha256sum.txt", .sha256)]

    /// Writes refreshed copies of the lists `tree` has into `overlay`.
    /// - Parameters:
    ///   - tree: The final tree, with every change applied.
    ///   - changed: Image paths the remaster wrote or replaced.
    ///   - overlay: The directory replacement files are written to.
    /// - Returns: The lists rewritten.
    static func refresh(_ tree: SourceTree, changed: Set<String>, overlay: String) throws -> [String] {
        guard !changed.isEmpty else { return [] }
        var rewritten: [String] = []
        for list in lists {
            guard let node = tree.node(at: list.path), node.kind == .regular else { continue }
            let original = String(decoding: try TreeFile.contents(of: node, path: list.path), as: UTF8.self)
            var listed: Set<String> = []
            var lines: [String] = []
            for line in original.split(separator: "\n", omittingEmptySubsequences: false) {
                guard let (sum, name) = parse(line) else {
                    lines.append(String(line))
                    continue
                }
                let path = "/" + name.drop { $0 == "." || $0 == "/" }
                listed.insert(path)
                guard let file = tree.node(at: path), file.kind == .regular else { continue }
                let fresh = changed.contains(path) ? try digest(of: file, list.algorithm) : String(sum)
                lines.append(fresh + "  " + name)
            }
            if lines.last == "" { lines.removeLast() }
            for path in changed.sorted() where !listed.contains(path) && !lists.contains(where: { $0.path == path }) {
                guard let file = tree.node(at: path), file.kind == .regular else { continue }
                lines.append(try digest(of: file, list.algorithm) + "  ." + path)
            }
            let text = lines.map { $0 + "\n" }.joined()
            guard text != original else { continue }
            try TreeFile.write(Array(text.utf8), to: overlay + list.path)
            rewritten.append(list.path)
        }
        return rewritten
    }

    /// The sum and name of a `HEX  name` line (`HEX *name` for binary mode).
    private static func parse(_ line: Substring) -> (Substring, Substring)? {
        guard let space = line.firstIndex(of: " ") else { return nil }
        let sum = line[..<space]
        guard !sum.isEmpty, sum.allSatisfy(\.isHexDigit) else { return nil }
        let rest = line[line.index(after: space)...]
        guard let marker = rest.first, marker == " " || marker == "*" else { return nil }
        return (sum, rest.dropFirst())
    }

    /// The lowercase hex digest of a file's data.
    private static func digest(of node: SourceNode, _ algorithm: Algorithm) throws -> String {
        switch algorithm {
        case .md5: try TreeFile.digest(of: node, as: Insecure.MD5.self)
        case .sha256: try TreeFile.digest(of: node, as: SHA256.self)
        }
    }
}
