/// What an agent sees of the program it improves: the problem, the code, and how it did.
public struct AgentContext: Sendable {
    public var problem: Problem
    /// The accelerator configuration's name (`int8_16x16`, ...).
    public var accelerator: String
    public var code: String
    public var cycles: UInt64
    public var feedback: HardwareSummary?

    public init(problem: Problem, accelerator: String, code: String, cycles: UInt64, feedback: HardwareSummary?) {
        self.problem = problem
        self.accelerator = accelerator
        self.code = code
        self.cycles = cycles
        self.feedback = feedback
    }
}

/// One planning request: pick one option of the (dropped-out) menu for this code.
public struct PlanRequest: Sendable {
    public var context: AgentContext
    public var menu: OptimizationMenu
    /// Which of the parent's N plans this is (samples differ by it).
    public var sampleIndex: Int
    /// The model to ask (an agent may hold several: an ensemble).
    public var model: String
    /// A deterministic generator for agents that choose at random.
    public var random: SeededRandom
    /// Schedule reuse: the plan that implemented the offered option on a similar problem.
    public var hint: String?
}

/// One coding request: implement a plan (or, in single-phase mode, plan and implement).
public struct CodeRequest: Sendable {
    public var context: AgentContext
    /// The plan's text (nil in single-phase mode, where `menu` is offered instead).
    public var plan: String?
    public var menu: OptimizationMenu?
    public var sampleIndex: Int
    public var model: String
    public var random: SeededRandom
    /// A previous attempt that failed, and why: implement the plan again, avoiding the error.
    public var failedAttempt: (code: String, error: String)?
}

/// An agent's answer: text for the record and what was extracted from it.
public struct AgentReply: Sendable, Equatable {
    /// The prompt sent (empty for agents without one) and the full reply text.
    public var prompt: String
    public var reply: String
    /// Planning: the option the plan chose (by id), when it can be told.
    public var optionID: String?
    /// Planning: the plan text. Coding: the complete C code.
    public var content: String?
    /// Why the reply is unusable (no code block, no solution(), truncated, ...).
    public var failure: String?
    public var usage: AgentUsage
    /// The failure was the provider's, not the reply's (unreachable, rate limits outlasting the
    /// retries): a resumed run asks again instead of keeping the failure.
    public var transient: Bool

    public init(
        prompt: String, reply: String, optionID: String? = nil, content: String?, failure: String? = nil, usage: AgentUsage = .zero,
        transient: Bool = false
    ) {
        self.prompt = prompt
        self.reply = reply
        self.optionID = optionID
        self.content = content
        self.failure = failure
        self.usage = usage
        self.transient = transient
    }
}

/// Tokens (and dollars, when the price is known) one agent reply cost.
public struct AgentUsage: Sendable, Equatable, Codable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double?
    /// Answered from the response cache (no tokens paid).
    public var cached: Bool

    public init(inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double? = nil, cached: Bool = false) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.cached = cached
    }

    public static let zero = AgentUsage()
}

/// Plans and writes code: an LLM behind prompts, or the built-in offline agent.
public protocol Agent: Sendable {
    /// The models this agent plans with and codes with (samples are split across them).
    var planningModels: [String] { get }
    var codingModels: [String] { get }
    /// Whether the agent can re-implement a plan from a failed attempt and its error.
    var supportsRepair: Bool { get }
    func plan(_ request: PlanRequest) async -> AgentReply
    func code(_ request: CodeRequest) async -> AgentReply
}
