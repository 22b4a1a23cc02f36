import Foundation

/// `/live/manifest.json`: what an image was built from and the checksum of every part, for people and for
/// `isokit remaster` (isokit's own format, version 1).
struct LiveManifest: Codable, Sendable {
    /// A file in the image with its checksum.
    struct Part: Codable, Sendable {
        var path: String
        var bytes: Int64
        var sha256: String
    }

    var format = "isokit-live"
    var version = 1
    var volumeID: String
    var created: Int64
    var kernelRelease: String
    var kernelOrigin: KernelOrigin
    var kernel: Part
    var initramfs: Part
    var layers: [Part]
    var cmdline: [String]
    /// The Xen hypervisor of a Xen live CD (absent otherwise).
    var hypervisor: Part?

    /// The manifest as stable, pretty-printed JSON (sorted keys, so equal builds give equal bytes).
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
