public import Foundation

/// Anthropic's Messages API: POST {base}/v1/messages with `x-api-key` and
/// `anthropic-version`; the system prompt is a top-level field, not a message.
public struct AnthropicProvider: LLMProvider {
    /// The API version every current Messages feature we use is available under.
    public static let apiVersion = "2023-06-01"

    public init() {}

    struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        var model: String
        var max_tokens: Int
        var system: String?
        var messages: [Message]
        var temperature: Double?
    }

    struct Reply: Decodable {
        struct Block: Decodable {
            var type: String
            var text: String?
            var thinking: String?
        }

        struct Usage: Decodable {
            var input_tokens: Int?
            var output_tokens: Int?
            var cache_creation_input_tokens: Int?
            var cache_read_input_tokens: Int?
        }

        struct ErrorDetail: Decodable {
            var type: String?
            var message: String?
        }

        var type: String?
        var model: String?
        var content: [Block]?
        var stop_reason: String?
        var usage: Usage?
        var error: ErrorDetail?
    }

    public func makeRequest(_ request: ChatRequest, model: ModelSpec, apiKey: String?) throws -> LLMHTTPRequest {
        guard let url = URL(string: model.baseURL + "/v1/messages") else {
            throw LLMError(code: .invalidModelName, message: "\(model): base URL \(model.baseURL) does not make a URL")
        }
        let system = request.messages.filter { $0.role == .system }.map(\.content)
        let body = Body(
            model: model.model,
            max_tokens: request.maxTokens,
            system: system.isEmpty ? nil : system.joined(separator: "\n\n"),
            messages: request.messages.filter { $0.role != .system }.map { Body.Message(role: $0.role.rawValue, content: $0.content) },
            temperature: request.temperature)
        var headers = ["Content-Type": "application/json", "Accept": "application/json", "anthropic-version": Self.apiVersion]
        if let apiKey { headers["x-api-key"] = apiKey }
        return LLMHTTPRequest(url: url, headers: headers, body: try WireJSON.encode(body))
    }

    public func parseReply(_ body: Data, model: ModelSpec) throws -> ChatReply {
        let reply = try WireJSON.decode(Reply.self, from: body, model: model)
        if reply.type == "error" || (reply.content == nil && reply.error != nil) {
            let detail = [reply.error?.type, reply.error?.message].compactMap { $0 }.joined(separator: ": ")
            throw WireJSON.badReply(model, "error object instead of a reply: \(WireJSON.oneLine(detail.isEmpty ? WireJSON.excerpt(body) : detail))")
        }
        guard let content = reply.content else { throw WireJSON.badReply(model, "missing content") }
        let texts = content.filter { $0.type == "text" }.compactMap(\.text)
        let thinking = content.filter { $0.type == "thinking" }.compactMap(\.thinking)
        let usage = reply.usage
        // Prompt-cache reads and writes are input tokens too (billed at other rates, which we
        // do not model: we never ask for prompt caching).
        let input = (usage?.input_tokens ?? 0) + (usage?.cache_creation_input_tokens ?? 0) + (usage?.cache_read_input_tokens ?? 0)
        return ChatReply(
            text: texts.joined(),
            reasoning: thinking.isEmpty ? nil : thinking.joined(separator: "\n"),
            finishReason: FinishReason(anthropic: reply.stop_reason),
            usage: TokenUsage(inputTokens: input, outputTokens: usage?.output_tokens ?? 0),
            model: reply.model ?? model.model)
    }
}
