extension RunReport {
    /// The starting code's cycles (its baseline, else the `start` candidate's).
    public var startCycles: UInt64? {
        if let outcome = baselines["start"], outcome.status == .correct, let cycles = outcome.cycles { return cycles }
        return candidate("start")?.cycles
    }

    /// The fastest program of a beam (beams are sorted, but do not rely on it).
    public func best(ofBeam ids: [String]) -> SearchCandidate? {
        ids.compactMap(candidate).filter(\.isCorrect).min { $0.cycles! < $1.cycles! }
    }

    /// The best program of the last recorded beam.
    public var best: SearchCandidate? { beams.last.flatMap(best(ofBeam:)) }

    /// The best cycles after each recorded iteration (index 0: the starting beam).
    public var bestPerIteration: [(iteration: Int, id: String, cycles: UInt64)] {
        beams.enumerated().compactMap { iteration, ids in
            best(ofBeam: ids).map { (iteration, $0.id, $0.cycles!) }
        }
    }

    /// The last iteration with a recorded beam or with candidates (an interrupted run has
    /// candidates one iteration past its last beam).
    public var lastIteration: Int {
        max(beams.count - 1, candidates.map(\.iteration).max() ?? 0)
    }

    /// MACs / (cycles x DIM²), when both are known.
    public func utilization(cycles: UInt64) -> Double? {
        guard let macs, let dim = arrayDim, cycles > 0 else { return nil }
        return Double(macs) / (Double(cycles) * Double(dim * dim))
    }

    /// How many times faster than the starting code.
    public func speedup(cycles: UInt64) -> Double? {
        guard let start = startCycles, cycles > 0 else { return nil }
        return Double(start) / Double(cycles)
    }

    /// Correct candidates with cycles, by iteration (the starting code at 0), in creation order.
    public var evaluatedPoints: [(iteration: Int, id: String, cycles: UInt64)] {
        candidates.compactMap { candidate in candidate.cycles.map { (candidate.iteration, candidate.id, $0) } }
    }
}
