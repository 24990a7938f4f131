import Foundation

/// Reads what an LLM answered to the prompts of PromptBuilder: the chosen menu option and the
/// plan of a planning reply, the C code of a coding reply. Replies vary (markdown, bold labels,
/// prose around the code, several code blocks, cut-off output); the parser accepts the common
/// variants and otherwise says in one line why the reply is unusable.
public enum ReplyParser {
    /// A planning reply: the option it chose (nil when no number or option text could be
    /// recognized) and the plan text.
    public struct Plan: Sendable, Equatable {
        /// The menu option's stable id.
        public var optionID: String?
        /// The number the reply used, when it gave one (1-based, as the prompt listed the menu).
        public var optionNumber: Int?
        public var text: String
        /// The provider stopped at its length limit: the plan may end mid-sentence.
        public var truncated: Bool
    }

    /// A coding reply's program: the code block holding `void solution(...) { ... }`.
    public struct Code: Sendable, Equatable {
        public var code: String
    }

    /// Why a reply is unusable.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable, Codable {
            case emptyReply = "empty_reply"
            case noPlan = "no_plan"
            case noCodeBlock = "no_code_block"
            case noSolutionFunction = "no_solution_function"
            case incompleteFunction = "incomplete_function"
            case truncated
        }

        public var kind: Kind
        /// One line, for the run's record and for a repair prompt.
        public var message: String

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }

        public var description: String { message }
    }

    /// Whether a provider's finish reason means the output hit its length limit (OpenAI-style
    /// "length", Anthropic's "max_tokens", Gemini's "MAX_TOKENS", ...).
    public static func isTruncation(finishReason: String?) -> Bool {
        guard let reason = finishReason?.lowercased() else { return false }
        return reason == "length" || reason.contains("max_tokens") || reason.contains("max_output_tokens")
            || reason.contains("model_length") || reason.contains("token_limit")
    }

    // MARK: Planning

    /// The option and plan of a planning reply to a prompt that listed `menu`.
    public static func parsePlan(_ reply: String, menu: OptimizationMenu, finishReason: String? = nil) -> Result<Plan, Failure> {
        let trimmed = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(Failure(.emptyReply, "the reply is empty")) }
        let choice = OptionReader(menu: menu).read(trimmed)
        var lines = trimmed.components(separatedBy: "\n")
        if let line = choice?.labelLine { lines.remove(at: line) }
        let text = removingPlanHeading(lines.joined(separator: "\n"))
        guard !text.isEmpty else {
            return .failure(Failure(.noPlan, "the reply names an option but contains no plan"))
        }
        return .success(
            Plan(optionID: choice?.optionID, optionNumber: choice?.number, text: text, truncated: isTruncation(finishReason: finishReason)))
    }

    /// The option a reply chose, by id, or nil.
    public static func chosenOption(in reply: String, menu: OptimizationMenu) -> String? {
        OptionReader(menu: menu).read(reply)?.optionID
    }

    /// A leading "Plan:" / "**Plan**" / "## Plan" label is the model restating the format.
    private static func removingPlanHeading(_ text: String) -> String {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let heading = /^(?:#+\s*)?\**\s*plan\s*\**\s*:?\s*\**[ \t]*(?:\n|$)/.ignoresCase()
        let prefix = /^\**plan\**\s*:\**[ \t]*/.ignoresCase()
        if let match = body.prefixMatch(of: heading) {
            body = String(body[match.range.upperBound...])
        } else if let match = body.prefixMatch(of: prefix) {
            body = String(body[match.range.upperBound...])
        }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Coding

    /// The program of a coding (or single-phase, or repair) reply.
    public static func parseCode(_ reply: String, finishReason: String? = nil) -> Result<Code, Failure> {
        guard !reply.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(Failure(.emptyReply, "the reply is empty"))
        }
        return CodeExtractor(reply: reply, truncatedByProvider: isTruncation(finishReason: finishReason)).extract()
    }

    /// A single-phase reply: the option and plan before the code, and the code.
    public static func parseSinglePhase(
        _ reply: String, menu: OptimizationMenu, finishReason: String? = nil
    ) -> (plan: Plan?, code: Result<Code, Failure>) {
        let code = parseCode(reply, finishReason: finishReason)
        // The plan is the prose before the first code block; the option may be anywhere in it.
        let prose = reply.components(separatedBy: "\n").prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }
        let plan = try? parsePlan(prose.joined(separator: "\n"), menu: menu, finishReason: finishReason).get()
        if plan == nil, let optionID = chosenOption(in: reply, menu: menu) {
            return (Plan(optionID: optionID, optionNumber: nil, text: "", truncated: isTruncation(finishReason: finishReason)), code)
        }
        return (plan, code)
    }

    // MARK: Agent replies

    /// A planning reply as an AgentReply: the option id and plan, or the failure.
    public static func planningReply(
        prompt: [PromptMessage], reply: String, menu: OptimizationMenu, finishReason: String? = nil, usage: AgentUsage = .zero
    ) -> AgentReply {
        switch parsePlan(reply, menu: menu, finishReason: finishReason) {
        case .success(let plan):
            AgentReply(prompt: prompt.flattened, reply: reply, optionID: plan.optionID, content: plan.text, usage: usage)
        case .failure(let failure):
            AgentReply(prompt: prompt.flattened, reply: reply, content: nil, failure: failure.message, usage: usage)
        }
    }

    /// A coding or repair reply as an AgentReply: the code, or the failure. With `menu` (a
    /// single-phase reply) the chosen option is recorded too.
    public static func codingReply(
        prompt: [PromptMessage], reply: String, menu: OptimizationMenu? = nil, finishReason: String? = nil, usage: AgentUsage = .zero
    ) -> AgentReply {
        let optionID = menu.flatMap { parseSinglePhase(reply, menu: $0, finishReason: finishReason).plan?.optionID }
        switch parseCode(reply, finishReason: finishReason) {
        case .success(let code):
            return AgentReply(prompt: prompt.flattened, reply: reply, optionID: optionID, content: code.code, usage: usage)
        case .failure(let failure):
            return AgentReply(prompt: prompt.flattened, reply: reply, optionID: optionID, content: nil, failure: failure.message, usage: usage)
        }
    }
}
