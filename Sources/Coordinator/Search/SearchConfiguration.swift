/// How a search runs. Defaults follow Autocomp's current release: beam 4, 4 plans per beam
/// entry, 2 codings per plan, 8 iterations, menu options kept with probability 0.25.
public struct SearchConfiguration: Sendable, Codable, Equatable {
    public var beamWidth = 4
    public var plansPerEntry = 4
    public var codesPerPlan = 2
    public var iterations = 8
    public var keepProbability = 0.25
    /// Plan and code in one request (N x K codings per beam entry, each choosing its own option).
    public var singlePhase = false
    /// Stop after this many iterations without a faster program (nil: never).
    public var earlyStopAfter: Int?
    /// Attempts to re-implement a failed candidate's plan, given its error.
    public var repairAttempts = 1
    public var seed: UInt64 = 1
    public var temperature = 1.0
    /// Feedback in the planning prompt beyond the latency.
    public var utilizationFeedback = true
    public var hardwareFeedback = true
    /// Schedule reuse: replay these menu choices first, one per iteration, with a smaller beam.
    public var reuse: Trajectory?
    public var reuseBeamWidth = 2
    public var reusePlansPerEntry = 2

    public init() {}

    /// Checks the numbers; the message names the option.
    public func validate() throws(SearchError) {
        if !(1...64).contains(beamWidth) { throw SearchError("--beam \(beamWidth): must be from 1 to 64") }
        if !(1...64).contains(plansPerEntry) { throw SearchError("--plans \(plansPerEntry): must be from 1 to 64") }
        if !(1...16).contains(codesPerPlan) { throw SearchError("--codes \(codesPerPlan): must be from 1 to 16") }
        if !(0...1000).contains(iterations) { throw SearchError("--iterations \(iterations): must be from 0 to 1000") }
        if !(keepProbability > 0 && keepProbability <= 1) { throw SearchError("--keep \(keepProbability): must be in (0, 1]") }
        if let earlyStopAfter, earlyStopAfter < 1 { throw SearchError("--early-stop \(earlyStopAfter): must be at least 1") }
        if !(0...5).contains(repairAttempts) { throw SearchError("--repairs \(repairAttempts): must be from 0 to 5") }
        if !(temperature >= 0 && temperature <= 2) { throw SearchError("--temperature \(temperature): must be from 0 to 2") }
    }

    /// Iterations that replay the reused trajectory, then the full ones.
    public var totalIterations: Int { (reuse?.steps.count ?? 0) + iterations }
}

/// A search problem, in one line.
public struct SearchError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
