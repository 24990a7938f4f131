public import Foundation

/// An HTTP request as a provider builds it; the transport only sends it.
public struct LLMHTTPRequest: Sendable, Hashable {
    public var url: URL
    /// Header names as sent; values may hold the API key, so never log them.
    public var headers: [String: String]
    public var body: Data

    public init(url: URL, headers: [String: String], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An HTTP answer as the transport received it.
public struct LLMHTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lower-cased (HTTP names are case-insensitive).
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

/// A wire format: how a `ChatRequest` becomes an HTTP request and how a reply body becomes a
/// `ChatReply`. Pure functions of their inputs (no I/O), so `LLMClient` owns timeouts,
/// retries, caching and accounting once for every provider.
public protocol LLMProvider: Sendable {
    /// The POST to send. `apiKey` is nil for a local server started without one.
    func makeRequest(_ request: ChatRequest, model: ModelSpec, apiKey: String?) throws -> LLMHTTPRequest
    /// The reply in a 2xx body; throws `LLMError.badReply` naming what was wrong.
    func parseReply(_ body: Data, model: ModelSpec) throws -> ChatReply
}

extension ModelSpec {
    /// The wire format this model is reached with.
    public var wireFormat: any LLMProvider {
        switch kind {
        case .openaiCompatible: OpenAICompatibleProvider()
        case .anthropic: AnthropicProvider()
        }
    }
}

/// Helpers both wire formats share.
enum WireJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        // Sorted keys: byte-identical bodies for identical requests, easy to diff in recordings.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes a 2xx body, turning every failure into one line that names the provider and
    /// the first thing that did not fit.
    static func decode<T: Decodable>(_ type: T.Type, from body: Data, model: ModelSpec) throws -> T {
        guard (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) is [String: Any] else {
            throw badReply(model, "the reply is not a JSON object: \(excerpt(body))")
        }
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let DecodingError.typeMismatch(expected, context) {
            throw badReply(model, "\(path(context)) is not \(kind(of: expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw badReply(model, "\(path(context)) is null, expected \(kind(of: expected))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw badReply(model, "missing \(path(context, appending: key.stringValue))")
        } catch {
            throw badReply(model, "unreadable reply: \(error)")
        }
    }

    static func badReply(_ model: ModelSpec, _ what: String) -> LLMError {
        LLMError(code: .badReply, message: "\(model): bad reply from \(model.provider): \(what)")
    }

    /// The message of an error body in any of the shapes servers use: `{"error": {"message"}}`
    /// (OpenAI, Anthropic, vLLM), `{"error": "..."}` (Ollama, llama.cpp), `{"message"}`,
    /// `{"detail"}` (FastAPI); else the start of the body itself.
    static func errorMessage(in body: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let error = object["error"] as? [String: Any] {
                let message = error["message"] as? String
                let type = (error["type"] as? String) ?? (error["code"] as? String)
                switch (message, type) {
                case let (message?, type?) where !message.isEmpty: return oneLine("\(type): \(message)")
                case let (message?, nil) where !message.isEmpty: return oneLine(message)
                default: break
                }
            }
            for key in ["error", "message", "detail"] {
                if let text = object[key] as? String, !text.isEmpty { return oneLine(text) }
            }
        }
        return body.isEmpty ? "(empty body)" : excerpt(body)
    }

    /// The first 200 characters of a body on one line.
    static func excerpt(_ body: Data) -> String {
        if body.isEmpty { return "(empty body)" }
        let text = oneLine(String(decoding: body.prefix(400), as: UTF8.self))
        return text.count > 200 ? String(text.prefix(200)) + "..." : text
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private static func path(_ context: DecodingError.Context, appending key: String? = nil) -> String {
        var keys: [any CodingKey] = context.codingPath
        if let key { keys.append(AnyKey(key)) }
        var text = ""
        for component in keys {
            if let index = component.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + component.stringValue
            }
        }
        return text.isEmpty ? "the reply" : text
    }

    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default: "the expected shape"
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Text that arrives either as a string or as a list of typed parts (`[{"type": "text",
/// "text": ...}]`, which some OpenAI-compatible servers send); parts are joined.
struct FlexibleText: Decodable {
    var text: String

    private struct Part: Decodable {
        var type: String?
        var text: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else {
            text = try container.decode([Part].self).filter { ($0.type ?? "text") == "text" }.compactMap(\.text).joined()
        }
    }
}
