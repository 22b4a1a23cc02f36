extension FATImageBuilder {
    /// A builder holding every directory and file of `image`, with its volume label, serial number, size and FAT type,
    /// so a file can be replaced and the volume written again (editing `grub.cfg` inside an EFI system partition).
    ///
    /// Files are read into memory (an ESP holds a few MiB). Every entry gets `unixTime`, as in any built image.
    /// - Parameters:
    ///   - image: The volume to copy.
    ///   - unixTime: The time stamped on every entry of the new volume.
    /// - Throws: The reader's errors for a damaged volume; ``DiskFormatsError/layout(reason:)`` for a name the
    ///   builder cannot hold.
    public init(copying image: FATImage, unixTime: Int64) throws {
        let sector = image.bootSector
        let label = String(decoding: sector.volumeLabel, as: UTF8.self).trimmingSpaces
        self.init(
            volumeLabel: label == "NO NAME" ? "" : label, volumeID: sector.volumeID,
            sizeBytes: Int64(sector.totalSectors) * Int64(sector.bytesPerSector), type: image.type, unixTime: unixTime)
        var pending = [""]
        while let directory = pending.popLast() {
            for entry in try image.list(directory) {
                let path = directory.isEmpty ? entry.name : directory + "/" + entry.name
                if entry.isDirectory {
                    try addDirectory(path)
                    pending.append(path)
                } else {
                    try addFile(path, contents: try image.read(path))
                }
            }
        }
    }
}

extension String {
    /// The string without trailing spaces (FAT pads labels and names with them).
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
