import Foundation

/// Everything a run's report shows, read from a run directory: the run database (settings,
/// plans, candidates, beams, baselines, token usage) and, when present, the trace files
/// `run_metadata.json` (accelerator, MACs) and `run_metrics.json` (wall time). Built by
/// `load(directory:catalog:)`, or directly from values (tests).
public struct RunReport: Sendable {
    public var problemID: String
    /// The problem's one-line title (from the problem catalog), if known.
    public var title: String?
    public var accelerator: String?
    /// MACs of the problem, for utilization.
    public var macs: Int?
    /// The search settings the run recorded (nil if it recorded none).
    public var configuration: SearchConfiguration?
    /// Empty: the built-in offline agent.
    public var planningModels: [String]
    public var codingModels: [String]
    /// Wall time of the run's last session (run_metrics.json), if known.
    public var wallSeconds: Double?
    public var usage: Usage
    /// `start`, `library`, `hardware_loop`.
    public var baselines: [String: SearchCandidate.Outcome]
    /// Every candidate, in the order the run created them (the starting code first).
    public var candidates: [SearchCandidate]
    public var plans: [PlanRecord]
    /// The beam after each iteration (index 0: the starting beam), as candidate ids.
    public var beams: [[String]]

    /// LLM calls and what they cost.
    public struct Usage: Sendable, Equatable {
        public var calls: Int
        public var cachedCalls: Int
        public var inputTokens: Int
        public var outputTokens: Int
        /// nil when some paid call had no known price.
        public var costUSD: Double?

        public init(calls: Int = 0, cachedCalls: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double? = 0) {
            self.calls = calls
            self.cachedCalls = cachedCalls
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.costUSD = costUSD
        }
    }

    public init(
        problemID: String, title: String? = nil, accelerator: String?, macs: Int?, configuration: SearchConfiguration?,
        planningModels: [String] = [], codingModels: [String] = [], wallSeconds: Double? = nil, usage: Usage = Usage(),
        baselines: [String: SearchCandidate.Outcome], candidates: [SearchCandidate], plans: [PlanRecord], beams: [[String]]
    ) {
        self.problemID = problemID
        self.title = title
        self.accelerator = accelerator
        self.macs = macs
        self.configuration = configuration
        self.planningModels = planningModels
        self.codingModels = codingModels
        self.wallSeconds = wallSeconds
        self.usage = usage
        self.baselines = baselines
        self.candidates = candidates
        self.plans = plans
        self.beams = beams
        self.candidateIndex = Dictionary(candidates.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.planIndex = Dictionary(plans.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    private let candidateIndex: [String: Int]
    private let planIndex: [String: Int]

    public func candidate(_ id: String) -> SearchCandidate? { candidateIndex[id].map { candidates[$0] } }
    public func plan(_ id: String) -> PlanRecord? { planIndex[id].map { plans[$0] } }

    /// DIM of the accelerator's array, from its name (`int8_16x16` -> 16, `fp32_4x4` -> 4).
    public var arrayDim: Int? { accelerator.flatMap(Self.arrayDim(fromName:)) }

    public static func arrayDim(fromName name: String) -> Int? {
        guard let match = name.firstMatch(of: /(\d+)x(\d+)$/), let dim = Int(match.1), dim > 0 else { return nil }
        return dim
    }
}

/// Why a run directory cannot be reported, in one line.
public struct RunReportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
