/// A family of live systems: how the root file system is stored on the medium and how its init finds it.
public enum LiveFamily: String, Hashable, Sendable, Codable, CaseIterable {
    /// isokit's own images: `/live/NN-name.squashfs` layers listed in `/live/layers.list`.
    case isokit
    /// archiso and SystemRescue: `/BASEDIR/x86_64/airootfs.sfs` (`archisobasedir=`).
    case archiso
    /// Debian live-boot: `/live/filesystem.squashfs` and further `/live/*.squashfs`.
    case debianLive = "debian-live"
    /// Ubuntu's casper: `/casper/*.squashfs`.
    case casper
}
