/// An agent backed by language models: Autocomp's prompts (PromptBuilder), sent through the
/// shared LLM client (retries, concurrency limit, response cache, cost), with the replies
/// read by ReplyParser. Samples are split across the planning and coding model lists (an
/// ensemble) by the search. Every failure (an unreachable provider after its retries, an
/// unusable reply) becomes a reply with a reason; the search records it and goes on.
public struct LLMAgent: Agent {
    let client: LLMClient
    let planning: [ModelSpec]
    let coding: [ModelSpec]
    let prompts: PromptBuilder
    let temperature: Double
    let seed: UInt64
    let maxTokens: Int

    public init(
        client: LLMClient, planning: [ModelSpec], coding: [ModelSpec], prompts: PromptBuilder, temperature: Double, seed: UInt64,
        maxTokens: Int = 16_384
    ) {
        self.client = client
        self.planning = planning
        self.coding = coding
        self.prompts = prompts
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
    }

    public var planningModels: [String] { planning.map(\.description) }
    public var codingModels: [String] { coding.map(\.description) }
    public var supportsRepair: Bool { true }

    public func plan(_ request: PlanRequest) async -> AgentReply {
        let messages: [PromptMessage]
        do {
            messages = try prompts.prompt(for: request)
        } catch {
            return AgentReply(prompt: "", reply: "", content: nil, failure: error.message)
        }
        var random = request.random
        return await ask(messages, model: spec(request.model, in: planning), random: &random) { text, finish, usage in
            ReplyParser.planningReply(prompt: messages, reply: text, menu: request.menu, finishReason: finish, usage: usage)
        }
    }

    public func code(_ request: CodeRequest) async -> AgentReply {
        let messages: [PromptMessage]
        do {
            messages = try prompts.prompt(for: request)
        } catch {
            return AgentReply(prompt: "", reply: "", content: nil, failure: error.message)
        }
        var random = request.random
        return await ask(messages, model: spec(request.model, in: coding), random: &random) { text, finish, usage in
            ReplyParser.codingReply(prompt: messages, reply: text, menu: request.plan == nil ? request.menu : nil, finishReason: finish, usage: usage)
        }
    }

    private func spec(_ name: String, in models: [ModelSpec]) -> ModelSpec {
        models.first { $0.description == name } ?? models[0]
    }

    /// Sends the prompt; the sample index and the provider seed come from the slot's generator,
    /// so a rerun of the same run asks the same questions (and hits the response cache).
    private func ask(
        _ messages: [PromptMessage], model: ModelSpec, random: inout SeededRandom,
        parse: (String, String?, AgentUsage) -> AgentReply
    ) async -> AgentReply {
        let sample = Int(random.next() % 1_000_000_000)
        let chat = ChatRequest(
            messages: messages.map { ChatMessage(ChatMessage.Role(rawValue: $0.role.rawValue) ?? .user, $0.content) },
            temperature: temperature, maxTokens: maxTokens, seed: Int(seed % 1_000_000) * 1000 + sample % 1000)
        do {
            let reply = try await client.complete(chat, model: model, sampleIndex: sample)
            let price = client.configuration.prices.price(for: model)
            let usage = AgentUsage(
                inputTokens: reply.usage.inputTokens, outputTokens: reply.usage.outputTokens,
                costUSD: reply.fromCache ? 0 : price?.cost(of: reply.usage), cached: reply.fromCache)
            return parse(reply.text, Self.finishReason(reply.finishReason), usage)
        } catch is CancellationError {
            return AgentReply(prompt: messages.flattened, reply: "", content: nil, failure: "cancelled")
        } catch {
            return AgentReply(prompt: messages.flattened, reply: "", content: nil, failure: "\(error)", transient: true)
        }
    }

    static func finishReason(_ reason: FinishReason) -> String? {
        switch reason {
        case .stop: "stop"
        case .maxTokens: "length"
        case .contentFilter: "content_filter"
        case .other(let raw): raw.isEmpty ? nil : raw
        }
    }
}
