extension SystemUseEntry {
    /// The length byte of the encoded entry (IEEE P1281 §4.1), computed without encoding it; always equal to
    /// `encode().count`. Writers use it to plan records and continuation areas cheaply.
    public var encodedLength: Int {
        let header = 4
        switch self {
        case .sharingProtocol: return header + 3
        case .continuation: return ContinuationArea.entrySize
        case let .padding(length): return length
        case .terminator, .relocatedDirectory: return header
        case let .extensionsReference(reference):
            return ExtensionsReference.fixedSize + reference.identifier.count + reference.descriptor.count
                + reference.source.count
        case .rockRidgeFlags: return header + 1
        case let .posixAttributes(attributes):
            return attributes.serial == nil ? POSIXAttributes.shortEntrySize : POSIXAttributes.longEntrySize
        case .deviceNumber: return header + 16
        case let .symbolicLink(link):
            return header + 1 + link.components.reduce(0) { $0 + SymbolicLinkEntry.Component.headerSize + $1.content.count }
        case let .alternateName(name): return AlternateNameEntry.fixedSize + name.name.count
        case .childLink, .parentLink: return header + 8
        case let .timestamps(stamps): return header + 1 + stamps.values.count * (stamps.flags.contains(.longForm) ? 17 : 7)
        case let .unknown(_, _, data): return header + data.count
        }
    }
}
