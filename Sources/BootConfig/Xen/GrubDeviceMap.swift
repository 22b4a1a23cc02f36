/// A GRUB `device.map`: which host (or guest) device each GRUB drive name stands for, one `(hd0) /dev/xvda` line
/// each.
public struct GrubDeviceMap: Hashable, Sendable, Codable {
    /// One line of the map.
    public struct Mapping: Hashable, Sendable, Codable {
        /// The GRUB drive, `(hd0)`.
        public var drive: String
        /// The device, `/dev/xvda`.
        public var device: String

        /// Creates a mapping.
        public init(drive: String, device: String) {
            self.drive = drive
            self.device = device
        }
    }

    /// The mappings in order.
    public var mappings: [Mapping]

    /// Creates a map.
    public init(mappings: [Mapping]) {
        self.mappings = mappings
    }

    /// The map as text, one `drive<TAB>device` line each.
    ///
    /// Spec: GRUB Legacy manual §3.4 "Device map".
    public func render() -> String {
        mappings.map { "\($0.drive)\t\($0.device)\n" }.joined()
    }
}
