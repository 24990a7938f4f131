public import Foundation

/// The Chat Completions API: POST {base}/chat/completions with a bearer key. Spoken by
/// OpenAI and by every OpenAI-compatible server (vLLM, Together, Ollama, llama.cpp, ...).
public struct OpenAICompatibleProvider: LLMProvider {
    public init() {}

    struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        var model: String
        var messages: [Message]
        var temperature: Double?
        var max_tokens: Int?
        var max_completion_tokens: Int?
        var seed: Int?
        var stream = false
    }

    struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: FlexibleText?
                // vLLM and DeepSeek: reasoning_content; Ollama, OpenRouter, Groq: reasoning.
                var reasoning_content: String?
                var reasoning: String?
            }

            var message: Message?
            var finish_reason: String?
        }

        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }

        var model: String?
        var choices: [Choice]?
        var usage: Usage?
    }

    /// A 2xx body that carries an error object instead of a reply (OpenRouter does this).
    private struct ErrorOnly: Decodable {
        struct Detail: Decodable { var message: String? }
        var error: Detail?
    }

    public func makeRequest(_ request: ChatRequest, model: ModelSpec, apiKey: String?) throws -> LLMHTTPRequest {
        guard let url = URL(string: model.baseURL + "/chat/completions") else {
            throw LLMError(code: .invalidModelName, message: "\(model): base URL \(model.baseURL) does not make a URL")
        }
        let body = Body(
            model: model.model,
            messages: request.messages.map { Body.Message(role: $0.role.rawValue, content: $0.content) },
            temperature: request.temperature,
            max_tokens: model.usesMaxCompletionTokens ? nil : request.maxTokens,
            max_completion_tokens: model.usesMaxCompletionTokens ? request.maxTokens : nil,
            seed: request.seed)
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey)" }
        return LLMHTTPRequest(url: url, headers: headers, body: try WireJSON.encode(body))
    }

    public func parseReply(_ body: Data, model: ModelSpec) throws -> ChatReply {
        let reply = try WireJSON.decode(Reply.self, from: body, model: model)
        guard let choices = reply.choices else {
            if let message = (try? JSONDecoder().decode(ErrorOnly.self, from: body))?.error {
                throw WireJSON.badReply(model, "error object instead of a reply: \(WireJSON.oneLine(message.message ?? WireJSON.excerpt(body)))")
            }
            throw WireJSON.badReply(model, "missing choices")
        }
        guard let choice = choices.first else { throw WireJSON.badReply(model, "choices is empty") }
        guard let message = choice.message else { throw WireJSON.badReply(model, "missing choices[0].message") }
        // A reasoning model that spends the whole budget thinking returns content null with
        // finish_reason "length": an empty, truncated reply rather than an error.
        return ChatReply(
            text: message.content?.text ?? "",
            reasoning: message.reasoning_content ?? message.reasoning,
            finishReason: FinishReason(openAI: choice.finish_reason),
            usage: TokenUsage(inputTokens: reply.usage?.prompt_tokens ?? 0, outputTokens: reply.usage?.completion_tokens ?? 0),
            model: reply.model ?? model.model)
    }
}
