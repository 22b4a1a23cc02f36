/// Checks on paths inside images that go into URLs.
enum NetbootPath {
    /// Whether an absolute image path can be put in a URL as it is: letters, digits and `/._-+~` only.
    static func isURLSafe(_ path: String) -> Bool {
        path.hasPrefix("/") && path.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "/._-+~".unicodeScalars.contains(scalar)
        }
    }
}
