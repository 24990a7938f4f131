/// Autocomp's beam update. From the iteration's children: drop incorrect ones, keep those
/// strictly faster than their parent, pool them with the current beam, sort by cycles, and
/// take the best `width`, skipping a child whose parent and plan match one already taken
/// (two codings of one plan are near-copies; the beam should hold different ideas). The
/// current beam is in the pool, so the best program never gets worse.
public enum BeamSelection {
    public static func select(beam: [SearchCandidate], children: [SearchCandidate], width: Int) -> [SearchCandidate] {
        let parentCycles = Dictionary(beam.compactMap { entry in entry.cycles.map { (entry.id, $0) } }, uniquingKeysWith: min)
        let improving = children.filter { child in
            guard let cycles = child.cycles, let parent = child.parentID else { return false }
            guard let reference = parentCycles[parent] else { return false }
            return cycles < reference
        }
        // Ties: beam entries before children, then by id, so that the order of the input
        // (which depends on how replies raced) never decides.
        let pool = (beam.map { ($0, 0) } + improving.map { ($0, 1) }).sorted { left, right in
            if left.0.cycles! != right.0.cycles! { return left.0.cycles! < right.0.cycles! }
            if left.1 != right.1 { return left.1 < right.1 }
            return left.0.id < right.0.id
        }.map(\.0)
        var taken: [SearchCandidate] = []
        var parentPlans = Set<String>()
        for candidate in pool where taken.count < width {
            if let parent = candidate.parentID, let plan = candidate.planID {
                let key = parent + "\u{1F}" + plan
                if parentPlans.contains(key) { continue }
                parentPlans.insert(key)
            }
            taken.append(candidate)
        }
        return taken
    }
}
