/// One iteration of a run at a glance: what its candidates came to, which menu options the
/// planner chose, its fastest program and the beam's best after it.
public struct IterationSummary: Sendable {
    public var iteration: Int
    public var candidates: Int
    /// Candidates by status (every status present, zero included, except `pending` when none).
    public var statuses: [(status: SearchCandidate.Status, count: Int)]
    /// Menu options chosen (by plans, or by single-phase codings), most chosen first.
    public var options: [(id: String, count: Int)]
    /// Plans whose reply held no usable plan.
    public var failedPlans: Int
    /// The iteration's fastest correct candidate.
    public var fastest: (id: String, cycles: UInt64)?
    /// The beam's best after the iteration (nil: the iteration has no recorded beam yet).
    public var beamBest: (id: String, cycles: UInt64)?
    /// Whether the beam's best got faster in this iteration.
    public var improved: Bool

    /// The statuses a summary counts, in display order.
    public static let statusOrder: [SearchCandidate.Status] = [
        .correct, .incorrect, .compileError, .timeout, .crash, .rejected, .badReply, .duplicate,
    ]

    public func count(_ status: SearchCandidate.Status) -> Int { statuses.first { $0.status == status }?.count ?? 0 }
}

extension RunReport {
    /// A summary per iteration from 1 to the last one with candidates or a beam.
    public var iterationSummaries: [IterationSummary] {
        guard lastIteration >= 1 else { return [] }
        let bests = Dictionary(bestPerIteration.map { ($0.iteration, ($0.id, $0.cycles)) }, uniquingKeysWith: { first, _ in first })
        return (1...lastIteration).map { iteration in
            let members = candidates.filter { $0.iteration == iteration }
            var statuses = IterationSummary.statusOrder.map { status in (status, members.filter { $0.outcome.status == status }.count) }
            let pending = members.filter { $0.outcome.status == .pending }.count
            if pending > 0 { statuses.append((.pending, pending)) }
            let iterationPlans = plans.filter { $0.iteration == iteration }
            let chosen = iterationPlans.compactMap { $0.plan == nil ? nil : $0.optionID }
                + members.filter { $0.planID == nil && $0.parentID != nil }.compactMap(\.optionID)
            var counts: [String: Int] = [:]
            var firstSeen: [String: Int] = [:]
            for (index, option) in chosen.enumerated() {
                counts[option, default: 0] += 1
                if firstSeen[option] == nil { firstSeen[option] = index }
            }
            let options = counts.map { (id: $0.key, count: $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : firstSeen[$0.id]! < firstSeen[$1.id]!
            }
            let fastest = members.filter(\.isCorrect).min { $0.cycles! < $1.cycles! }.map { (id: $0.id, cycles: $0.cycles!) }
            let beamBest = bests[iteration].map { (id: $0.0, cycles: $0.1) }
            let previous = bests[iteration - 1]?.1
            return IterationSummary(
                iteration: iteration, candidates: members.count, statuses: statuses, options: options,
                failedPlans: iterationPlans.filter { $0.plan == nil }.count, fastest: fastest, beamBest: beamBest,
                improved: beamBest != nil && previous != nil && beamBest!.cycles < previous!)
        }
    }
}
