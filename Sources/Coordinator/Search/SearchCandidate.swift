/// A program the search evaluated (or tried to): where it came from and how it did.
public struct SearchCandidate: Sendable, Equatable, Codable {
    /// The run-unique id, e.g. `i3-c17` (iteration 3, 17th candidate of the run).
    public var id: String
    public var iteration: Int
    /// The beam entry it was derived from (nil for the starting code).
    public var parentID: String?
    /// The plan it implements (nil for the starting code and single-phase candidates).
    public var planID: String?
    /// The menu option the plan chose.
    public var optionID: String?
    /// The model that wrote the code ("offline" for the built-in agent).
    public var model: String
    public var code: String
    /// CodeNormalizer.fingerprint of the code.
    public var fingerprint: String
    public var outcome: Outcome

    public enum Status: String, Sendable, Codable {
        case pending
        case correct, incorrect
        case compileError = "compile_error"
        case timeout, crash, rejected
        /// The agent produced no usable program (no code block, no solution(), truncated reply).
        case badReply = "bad_reply"
        /// Same program (up to comments and whitespace) as an earlier candidate: not evaluated.
        case duplicate
    }

    public struct Outcome: Sendable, Equatable, Codable {
        public var status: Status
        public var cycles: UInt64?
        /// Why it is not correct (compiler error, mismatch, agent failure).
        public var reason: String?
        public var feedback: HardwareSummary?

        public init(status: Status, cycles: UInt64? = nil, reason: String? = nil, feedback: HardwareSummary? = nil) {
            self.status = status
            self.cycles = cycles
            self.reason = reason
            self.feedback = feedback
        }

        public static let pending = Outcome(status: .pending)
    }

    public init(
        id: String, iteration: Int, parentID: String?, planID: String?, optionID: String?, model: String, code: String, outcome: Outcome = .pending
    ) {
        self.id = id
        self.iteration = iteration
        self.parentID = parentID
        self.planID = planID
        self.optionID = optionID
        self.model = model
        self.code = code
        self.fingerprint = CodeNormalizer.fingerprint(code)
        self.outcome = outcome
    }

    public var isCorrect: Bool { outcome.status == .correct && outcome.cycles != nil }
    public var cycles: UInt64? { isCorrect ? outcome.cycles : nil }
}

/// The timing model's view of a candidate's timed region, as the planner's feedback uses it.
public struct HardwareSummary: Sendable, Equatable, Codable {
    public var meshUtilization: Double
    public var loadBusy: Double
    public var storeBusy: Double
    public var executeBusy: Double
    public var waitingOnDMACycles: UInt64
    public var waitingOnDependenciesCycles: UInt64
    public var reservationStationFullCycles: UInt64
    public var waitingOnHostCycles: UInt64
    public var dmaBytesRead: UInt64
    public var dmaBytesWritten: UInt64
    public var dmaBytesPerCycle: Double
    public var bankConflictCycles: UInt64
    public var scratchpadKB: Double
    public var scratchpadCapacityKB: Double
    public var accumulatorKB: Double
    public var accumulatorCapacityKB: Double

    public init(
        meshUtilization: Double, loadBusy: Double, storeBusy: Double, executeBusy: Double, waitingOnDMACycles: UInt64,
        waitingOnDependenciesCycles: UInt64, reservationStationFullCycles: UInt64, waitingOnHostCycles: UInt64, dmaBytesRead: UInt64,
        dmaBytesWritten: UInt64, dmaBytesPerCycle: Double, bankConflictCycles: UInt64, scratchpadKB: Double, scratchpadCapacityKB: Double,
        accumulatorKB: Double, accumulatorCapacityKB: Double
    ) {
        self.meshUtilization = meshUtilization
        self.loadBusy = loadBusy
        self.storeBusy = storeBusy
        self.executeBusy = executeBusy
        self.waitingOnDMACycles = waitingOnDMACycles
        self.waitingOnDependenciesCycles = waitingOnDependenciesCycles
        self.reservationStationFullCycles = reservationStationFullCycles
        self.waitingOnHostCycles = waitingOnHostCycles
        self.dmaBytesRead = dmaBytesRead
        self.dmaBytesWritten = dmaBytesWritten
        self.dmaBytesPerCycle = dmaBytesPerCycle
        self.bankConflictCycles = bankConflictCycles
        self.scratchpadKB = scratchpadKB
        self.scratchpadCapacityKB = scratchpadCapacityKB
        self.accumulatorKB = accumulatorKB
        self.accumulatorCapacityKB = accumulatorCapacityKB
    }
}
