/// Tokens billed for one call, as the server reported them.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// OpenAI's prompt_tokens; Anthropic's input_tokens (plus any prompt-cache tokens).
    public var inputTokens: Int
    /// OpenAI's completion_tokens (reasoning included); Anthropic's output_tokens.
    public var outputTokens: Int

    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    public static let zero = TokenUsage(inputTokens: 0, outputTokens: 0)

    public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        TokenUsage(inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens)
    }
}

/// Why generation stopped, in both providers' vocabularies mapped onto one.
public enum FinishReason: Sendable, Hashable, Codable {
    /// A natural end (OpenAI `stop`; Anthropic `end_turn`, `stop_sequence`).
    case stop
    /// The token cap cut the reply short (OpenAI `length`; Anthropic `max_tokens`).
    case maxTokens
    /// The provider withheld content (OpenAI `content_filter`; Anthropic `refusal`).
    case contentFilter
    /// Anything else, verbatim (tool calls, `pause_turn`, a server's own words), or "" when absent.
    case other(String)

    /// OpenAI-compatible `finish_reason`.
    init(openAI raw: String?) {
        switch raw {
        case "stop": self = .stop
        case "length": self = .maxTokens
        case "content_filter": self = .contentFilter
        default: self = .other(raw ?? "")
        }
    }

    /// Anthropic `stop_reason`.
    init(anthropic raw: String?) {
        switch raw {
        case "end_turn", "stop_sequence": self = .stop
        case "max_tokens": self = .maxTokens
        case "refusal": self = .contentFilter
        default: self = .other(raw ?? "")
        }
    }
}

/// A model's answer to one `ChatRequest`.
public struct ChatReply: Sendable, Hashable, Codable {
    /// The visible answer (text blocks joined; hidden reasoning excluded).
    public var text: String
    /// Reasoning the server returned separately (vLLM/DeepSeek `reasoning_content`, Anthropic
    /// thinking blocks), if any. Kept for traces; prompts should not depend on it.
    public var reasoning: String?
    public var finishReason: FinishReason
    public var usage: TokenUsage
    /// The model the server says answered (may be a dated snapshot of the one asked for).
    public var model: String
    /// Set by the client: served from the response cache, so it cost nothing this run.
    public var fromCache: Bool

    public init(text: String, reasoning: String? = nil, finishReason: FinishReason, usage: TokenUsage, model: String, fromCache: Bool = false) {
        self.text = text
        self.reasoning = reasoning
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
        self.fromCache = fromCache
    }

    /// The token cap cut this reply short: its code block may be incomplete.
    public var truncated: Bool { finishReason == .maxTokens }
}
