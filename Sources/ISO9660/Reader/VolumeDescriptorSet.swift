import BinaryIO

/// ECMA-119 §8 — the volume descriptor set from sector 16 up to the terminator.
struct VolumeDescriptorSet {
    var primary: VolumeDescriptor
    var joliet: VolumeDescriptor?
    var bootRecord: BootRecordVolumeDescriptor?
    var types: [VolumeDescriptorType]

    static func read(from reader: ImageReader) throws -> VolumeDescriptorSet {
        var primary: VolumeDescriptor?
        var joliet: VolumeDescriptor?
        var bootRecord: BootRecordVolumeDescriptor?
        var types: [VolumeDescriptorType] = []
        for index in 0..<ISOImage.descriptorLimit {
            let offset = Int64(16 + index) * 2048
            let sector = try decoding { try reader.read(at: offset, count: 2048, structure: "volume descriptor") }
            let type = VolumeDescriptorType(rawValue: sector[0])
            let identifier = Array(sector[1..<6])
            guard identifier == VolumeDescriptorType.standardIdentifier else {
                throw ISO9660Error.decode(.badSignature(
                    structure: "volume descriptor", offset: offset + 1,
                    expected: VolumeDescriptorType.standardIdentifier, found: identifier))
            }
            types.append(type)
            switch type {
            case .terminator:
                guard let primary else { throw ISO9660Error.noPrimaryVolumeDescriptor }
                return VolumeDescriptorSet(primary: primary, joliet: joliet, bootRecord: bootRecord, types: types)
            case .primary where primary == nil:
                primary = try decoding { try VolumeDescriptor(bytes: sector[...], at: offset) }
            case .supplementary where joliet == nil:
                let descriptor = try decoding { try VolumeDescriptor(bytes: sector[...], at: offset) }
                if descriptor.isJoliet { joliet = descriptor }
            case .bootRecord where bootRecord == nil && sector[7..<30].elementsEqual("EL TORITO SPECIFICATION".utf8):
                bootRecord = try decoding { try BootRecordVolumeDescriptor(bytes: sector[...], at: offset) }
            default:
                break
            }
        }
        throw ISO9660Error.unterminatedVolumeDescriptorSet(limit: ISOImage.descriptorLimit)
    }
}

/// Runs `body`, reporting a ``DecodeError`` as ``ISO9660Error/decode(_:)``.
func decoding<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DecodeError {
        throw ISO9660Error.decode(error)
    }
}
