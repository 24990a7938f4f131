/// The built-in agent, the default when no model is configured: the same plan-then-code
/// contract as an LLM, with plans and code from `OfflineTransformer`'s program
/// transformations. Planning picks, at random among the offered menu options that apply to
/// the parent code, one option and one of its concrete proposals; coding implements the
/// plan's schedule. It works offline, free and deterministically for a given seed.
public struct OfflineAgent: Agent {
    public static let modelName = "offline"
    let transformer: OfflineTransformer

    public init(problem: Problem) throws {
        transformer = try OfflineTransformer(problem: problem)
    }

    public var planningModels: [String] { [Self.modelName] }
    public var codingModels: [String] { [Self.modelName] }
    /// Its code is correct by construction; an error would not tell it anything new.
    public var supportsRepair: Bool { false }

    public func plan(_ request: PlanRequest) async -> AgentReply {
        var random = request.random
        let schedule = transformer.schedule(of: request.context.code)
        let prompt = "offline planner: \(request.menu.options.map(\.id).joined(separator: ", "))"
        for option in request.menu.options.shuffled(using: &random) {
            let proposals = transformer.proposals(for: option, from: schedule)
            guard let proposal = proposals.randomElement(using: &random) else { continue }
            return AgentReply(prompt: prompt, reply: proposal.plan, optionID: proposal.optionID, content: proposal.plan)
        }
        return AgentReply(
            prompt: prompt, reply: "", content: nil,
            failure: "none of the offered options (\(request.menu.options.map(\.id).joined(separator: ", "))) applies to this code")
    }

    public func code(_ request: CodeRequest) async -> AgentReply {
        guard let plan = request.plan else {
            // Single-phase: plan and implement in one step.
            let planned = await self.plan(PlanRequest(
                context: request.context, menu: request.menu ?? .gemmConv, sampleIndex: request.sampleIndex, model: request.model,
                random: request.random))
            guard let text = planned.content else { return planned }
            var reply = await code(CodeRequest(
                context: request.context, plan: text, menu: nil, sampleIndex: request.sampleIndex, model: request.model,
                random: request.random, failedAttempt: nil))
            reply.optionID = planned.optionID
            return reply
        }
        guard let schedule = transformer.schedule(fromPlan: plan) else {
            return AgentReply(prompt: plan, reply: "", content: nil, failure: "the plan names no schedule the offline agent can implement")
        }
        let code = transformer.code(for: schedule)
        return AgentReply(prompt: plan, reply: code, content: code)
    }
}
