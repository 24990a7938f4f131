/// The two wire formats we speak. Every provider except Anthropic is reached through the
/// OpenAI-compatible Chat Completions API (OpenAI itself, Together, OpenRouter, Groq, and
/// local servers: vLLM, Ollama, llama.cpp, LM Studio).
public enum ProviderKind: String, Sendable, Codable, Hashable {
    case openaiCompatible = "openai-compatible"
    case anthropic
}

/// What a provider name in `provider::model` stands for: its wire format, where it lives by
/// default, and which environment variable holds its key.
public struct ProviderProfile: Sendable, Hashable {
    public var name: String
    public var kind: ProviderKind
    public var defaultBaseURL: String
    /// The environment variable read for the key (sent when set, even to local servers,
    /// since vLLM and llama.cpp can be started with `--api-key`).
    public var apiKeyVariable: String
    /// Hosted providers refuse requests without a key; local servers accept them.
    public var requiresAPIKey: Bool
    /// A server you run yourself: its tokens cost nothing.
    public var isLocal: Bool
    /// OpenAI's own API deprecated `max_tokens` and its reasoning models reject it; the
    /// compatible servers all understand `max_tokens`, not all `max_completion_tokens`.
    public var usesMaxCompletionTokens: Bool

    public init(
        name: String, kind: ProviderKind, defaultBaseURL: String, apiKeyVariable: String,
        requiresAPIKey: Bool, isLocal: Bool = false, usesMaxCompletionTokens: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.defaultBaseURL = defaultBaseURL
        self.apiKeyVariable = apiKeyVariable
        self.requiresAPIKey = requiresAPIKey
        self.isLocal = isLocal
        self.usesMaxCompletionTokens = usesMaxCompletionTokens
    }

    /// The providers a model name may start with.
    public static let known: [ProviderProfile] = [
        ProviderProfile(name: "openai", kind: .openaiCompatible, defaultBaseURL: "https://api.openai.com/v1",
                        apiKeyVariable: "OPENAI_API_KEY", requiresAPIKey: true, usesMaxCompletionTokens: true),
        ProviderProfile(name: "anthropic", kind: .anthropic, defaultBaseURL: "https://api.anthropic.com",
                        apiKeyVariable: "ANTHROPIC_API_KEY", requiresAPIKey: true),
        ProviderProfile(name: "together", kind: .openaiCompatible, defaultBaseURL: "https://api.together.xyz/v1",
                        apiKeyVariable: "TOGETHER_API_KEY", requiresAPIKey: true),
        ProviderProfile(name: "openrouter", kind: .openaiCompatible, defaultBaseURL: "https://openrouter.ai/api/v1",
                        apiKeyVariable: "OPENROUTER_API_KEY", requiresAPIKey: true),
        ProviderProfile(name: "groq", kind: .openaiCompatible, defaultBaseURL: "https://api.groq.com/openai/v1",
                        apiKeyVariable: "GROQ_API_KEY", requiresAPIKey: true),
        ProviderProfile(name: "vllm", kind: .openaiCompatible, defaultBaseURL: "http://localhost:8000/v1",
                        apiKeyVariable: "VLLM_API_KEY", requiresAPIKey: false, isLocal: true),
        ProviderProfile(name: "ollama", kind: .openaiCompatible, defaultBaseURL: "http://localhost:11434/v1",
                        apiKeyVariable: "OLLAMA_API_KEY", requiresAPIKey: false, isLocal: true),
        ProviderProfile(name: "llamacpp", kind: .openaiCompatible, defaultBaseURL: "http://localhost:8080/v1",
                        apiKeyVariable: "LLAMACPP_API_KEY", requiresAPIKey: false, isLocal: true),
        ProviderProfile(name: "lmstudio", kind: .openaiCompatible, defaultBaseURL: "http://localhost:1234/v1",
                        apiKeyVariable: "LMSTUDIO_API_KEY", requiresAPIKey: false, isLocal: true),
    ]

    /// The known provider of this name (case-insensitive).
    public static func named(_ name: String) -> ProviderProfile? {
        let lowered = name.lowercased()
        return known.first { $0.name == lowered }
    }
}
