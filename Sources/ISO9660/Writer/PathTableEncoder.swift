/// ECMA-119 §9.4 — builds the type L and type M path tables of one directory tree.
enum PathTableEncoder {
    /// The L and M tables for `order` (directories in path table order), naming each with `identifier` and placing
    /// it at `lba`; `parent` gives each directory's parent index.
    static func encode(
        order: [Int], identifier: (Int) -> [UInt8], lba: (Int) -> UInt32, parent: (Int) -> Int
    ) -> (typeL: [UInt8], typeM: [UInt8]) {
        var numbers: [Int: UInt16] = [:]
        for (position, index) in order.enumerated() { numbers[index] = UInt16(truncatingIfNeeded: position + 1) }
        var typeL: [UInt8] = []
        var typeM: [UInt8] = []
        for index in order {
            let record = PathTableRecord(
                extentLBA: lba(index), parentNumber: index == order.first ? 1 : numbers[parent(index)] ?? 1,
                identifier: identifier(index))
            typeL += record.encode(bigEndian: false)
            typeM += record.encode(bigEndian: true)
        }
        return (typeL, typeM)
    }
}
