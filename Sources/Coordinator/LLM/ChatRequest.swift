/// One message of a conversation.
public struct ChatMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        case system, user, assistant
    }

    public var role: Role
    public var content: String

    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ content: String) -> ChatMessage { ChatMessage(.system, content) }
    public static func user(_ content: String) -> ChatMessage { ChatMessage(.user, content) }
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(.assistant, content) }
}

/// What to ask a model, independent of provider. One call yields one sample; ask K times
/// (with K sample indices) for K samples.
///
/// ```swift
/// let request = ChatRequest(system: isaDescription, user: planningPrompt, maxTokens: 8192, seed: 7)
/// let reply = try await llm.complete(request, model: spec, sampleIndex: i)
/// ```
public struct ChatRequest: Sendable, Hashable, Codable {
    /// In order. System messages may appear anywhere for OpenAI-compatible servers; Anthropic
    /// takes one top-level system prompt, so there they are joined (blank line between) and
    /// lifted out of the conversation.
    public var messages: [ChatMessage]
    /// Autocomp samples at 1.0 for diversity. nil leaves it to the server (some reasoning
    /// models accept only their default).
    public var temperature: Double?
    /// The cap on generated tokens (Anthropic requires one; reasoning models count their
    /// hidden reasoning against it on OpenAI).
    public var maxTokens: Int
    /// Sent to OpenAI-compatible servers, which use it for best-effort reproducibility;
    /// Anthropic has no seed and ignores it. Part of the cache key either way.
    public var seed: Int?

    public init(messages: [ChatMessage], temperature: Double? = 1.0, maxTokens: Int = 8192, seed: Int? = nil) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
    }

    /// A single-turn request: an optional system prompt and one user message.
    public init(system: String? = nil, user: String, temperature: Double? = 1.0, maxTokens: Int = 8192, seed: Int? = nil) {
        self.init(messages: (system.map { [.system($0)] } ?? []) + [.user(user)],
                  temperature: temperature, maxTokens: maxTokens, seed: seed)
    }
}
