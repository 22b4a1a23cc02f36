import BinaryIO

/// The ISO 9660 volume id of a live image, which is also the label its init and GRUB look for.
enum LiveVolumeID {
    /// Characters allowed: ISO 9660 d-characters (ECMA-119 §7.4.1), so every reader shows the same label.
    static let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

    /// `ISOKIT_YYYYMMDD_HHMM` for the build time.
    static func dated(_ unixTime: Int64) -> String {
        let time = CivilTime(unixTime: unixTime)
        let digits = [(time.year, 4), (time.month, 2), (time.day, 2), (time.hour, 2), (time.minute, 2)]
            .map { Digits.padded($0.0, width: $0.1) }
        return "ISOKIT_" + digits[0..<3].joined() + "_" + digits[3...].joined()
    }

    /// Throws unless `id` is 1 to 32 d-characters.
    static func validate(_ id: String) throws(LiveBuildError) {
        guard (1...32).contains(id.count), id.allSatisfy(allowed.contains) else {
            throw .invalidOption("volume id \(String(reflecting: id)): use 1 to 32 characters A-Z, 0-9 and _")
        }
    }
}
