/// Makes the identifiers of one directory unique, the same way for ISO 9660 and Joliet names.
///
/// Decisions are made in the order of the host names' UTF-8 bytes, never in input order, so the same set of names
/// always gets the same identifiers. Within a group of names whose proposed identifiers clash, a name that maps to
/// itself unchanged (`README.TXT`, or `a_b` in Joliet) wins, otherwise the first in that order; the others get the
/// first free numbered variant (1, 2, …). Every unclashed proposal is reserved
/// before any variant is chosen, so a variant never takes the identifier another name would get on its own.
enum UniqueIdentifiers {
    /// - Parameters:
    ///   - proposals: The identifier each name would get alone, in input order.
    ///   - hostNames: The host names, in input order (they decide the order of the decisions).
    ///   - isUnchanged: For each input, whether its proposal spells its host name unchanged (it goes first).
    ///   - clashKey: What two identifiers must differ in (e.g. without a trailing `.`).
    ///   - variant: The `n`-th numbered variant of the identifier of input `index`, `n` ≥ 1.
    /// - Returns: The identifiers, in input order, with distinct clash keys.
    static func resolve<Unit: Hashable>(
        proposals: [[Unit]], hostNames: [String], isUnchanged: [Bool],
        clashKey: ([Unit]) -> [Unit],
        variant: (_ index: Int, _ n: Int) -> [Unit]
    ) -> [[Unit]] {
        precondition(proposals.count == hostNames.count && proposals.count == isUnchanged.count)
        let order = proposals.indices.sorted { lhs, rhs in
            if isUnchanged[lhs] != isUnchanged[rhs] { return isUnchanged[lhs] }
            let (a, b) = (hostNames[lhs].utf8, hostNames[rhs].utf8)
            return a.elementsEqual(b) ? lhs < rhs : a.lexicographicallyPrecedes(b)
        }
        var result = proposals
        var taken = Set<[Unit]>()
        var losers: [Int] = []
        for index in order {
            if !taken.insert(clashKey(proposals[index])).inserted { losers.append(index) }
        }
        // Numbers already tried for a proposal are not tried again, so a large clash group costs linear time.
        var nextNumber: [[Unit]: Int] = [:]
        for index in losers {
            let group = clashKey(proposals[index])
            var n = nextNumber[group, default: 1]
            while true {
                let candidate = variant(index, n)
                n += 1
                if taken.insert(clashKey(candidate)).inserted {
                    result[index] = candidate
                    break
                }
            }
            nextNumber[group] = n
        }
        return result
    }
}
