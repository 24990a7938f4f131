import Foundation

/// One model at one provider, parsed from a name as Autocomp writes it:
///
/// - `openai::gpt-4o`, `anthropic::claude-sonnet-4-20250514`, `together::meta-llama/Llama-3.3-70B-Instruct-Turbo`,
///   `ollama::qwen3:8b`: a known provider at its default address;
/// - `vllm@http://host:8000/v1::Qwen/Qwen3-8B`: the same with the base URL overridden, for any
///   OpenAI-compatible server (or an Anthropic-compatible proxy, `anthropic@URL::model`).
///
/// Everything after the first `::` is the model, verbatim (model names hold `/` and `:`).
/// The URL may hold `::` inside brackets (`http://[::1]:8000/v1`).
public struct ModelSpec: Sendable, Hashable, CustomStringConvertible {
    /// The provider name as given, lower-cased (`openai`, `vllm`, ...).
    public var provider: String
    public var kind: ProviderKind
    /// Without a trailing slash. OpenAI-compatible: up to and including `/v1` (requests go to
    /// `{base}/chat/completions`); Anthropic: the host (requests go to `{base}/v1/messages`).
    public var baseURL: String
    /// The model as the provider names it.
    public var model: String
    public var apiKeyVariable: String
    public var requiresAPIKey: Bool
    public var isLocal: Bool
    public var usesMaxCompletionTokens: Bool
    /// Whether the base URL was given in the name rather than taken from the provider's default.
    public var hasBaseURLOverride: Bool

    public init(profile: ProviderProfile, model: String, baseURL: String? = nil) {
        provider = profile.name
        kind = profile.kind
        self.baseURL = Self.trimmingSlashes(baseURL ?? profile.defaultBaseURL)
        self.model = model
        apiKeyVariable = profile.apiKeyVariable
        requiresAPIKey = profile.requiresAPIKey
        isLocal = profile.isLocal
        usesMaxCompletionTokens = profile.usesMaxCompletionTokens
        hasBaseURLOverride = baseURL != nil
    }

    /// Parses `provider::model` or `provider@URL::model`; the error names what is wrong.
    public init(parsing text: String) throws {
        let name = text.trimmingCharacters(in: .whitespaces)
        func invalid(_ why: String) -> LLMError {
            LLMError(code: .invalidModelName, message: "model name \"\(text)\": \(why) (expected provider::model, e.g. openai::gpt-4o, or provider@URL::model)")
        }
        guard let separator = Self.modelSeparator(in: name) else { throw invalid("no \"::\" before the model") }
        let head = name[..<separator.lowerBound]
        let model = String(name[separator.upperBound...])
        let providerName: Substring
        var override: String?
        if let at = head.firstIndex(of: "@") {
            providerName = head[..<at]
            let url = String(head[head.index(after: at)...])
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  let host = parsed.host, !host.isEmpty
            else { throw invalid("\"\(url)\" is not an http or https URL") }
            override = url
        } else {
            providerName = head
        }
        guard !providerName.isEmpty else { throw invalid("no provider before \"::\"") }
        guard !model.isEmpty else { throw invalid("no model after \"::\"") }
        guard let profile = ProviderProfile.named(String(providerName)) else {
            throw LLMError(code: .unknownProvider, message: "model name \"\(text)\": unknown provider \"\(providerName)\" (known: \(ProviderProfile.known.map(\.name).joined(separator: ", ")); any OpenAI-compatible server: vllm@URL::model)")
        }
        self.init(profile: profile, model: model, baseURL: override)
    }

    /// The canonical name: parsing it gives this spec back.
    public var description: String {
        hasBaseURLOverride ? "\(provider)@\(baseURL)::\(model)" : "\(provider)::\(model)"
    }

    /// The key to send, read from `environment`: nil for a local server without one; an error
    /// naming the variable when a hosted provider's key is unset or empty.
    public func apiKey(in environment: [String: String]) throws -> String? {
        if let key = environment[apiKeyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty {
            return key
        }
        if requiresAPIKey {
            throw LLMError(code: .missingAPIKey, message: "\(self): no API key: set the environment variable \(apiKeyVariable)")
        }
        return nil
    }

    /// The first `::` outside square brackets (an IPv6 host in the URL override has colons).
    private static func modelSeparator(in name: String) -> Range<String.Index>? {
        var depth = 0
        var index = name.startIndex
        while index < name.endIndex {
            switch name[index] {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case ":" where depth == 0:
                let next = name.index(after: index)
                if next < name.endIndex, name[next] == ":" { return index..<name.index(after: next) }
            default: break
            }
            index = name.index(after: index)
        }
        return nil
    }

    private static func trimmingSlashes(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
